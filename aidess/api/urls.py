from functools import wraps

from django.urls import path, re_path

from aidess.api import views
from aidess.api.v1 import api
from aidess.core.api import error_body, json_response

app_name = "api"


def json_not_allowed(view):
    """ninja answers a wrong method with plain text: say it in JSON like every other error."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405:
            allowed = response["Allow"]
            response = json_response(
                error_body(f"Méthode {request.method} non acceptée ici (acceptée : {allowed})."),
                405,
            )
            response["Allow"] = allowed
        return response

    return checked


def operations():
    patterns, _, _ = api.urls
    for pattern in patterns:
        if pattern.name != "api-root":  # ninja's root answers an HTML 404: ours is JSON
            pattern.callback = json_not_allowed(pattern.callback)
            yield pattern


urlpatterns = [
    path("openapi.json", views.openapi_json, name="openapi"),
    path("docs/", views.docs, name="docs"),
    *operations(),
    re_path(r"^", views.not_found, name="api-root"),
]
