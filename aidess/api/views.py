from django.shortcuts import render
from django.urls import reverse

from aidess.api.v1 import openapi_document
from aidess.core.api import error_body, json_response


def server_url(request):
    return request.build_absolute_uri(reverse("api:openapi")).rsplit("/", 1)[0]


def openapi_json(request):
    return json_response(openapi_document(server_url(request)))


def docs(request):
    """Readable documentation rendered from the same OpenAPI document (no external script)."""
    return render(request, "api/docs.html", {"spec": openapi_document(server_url(request))})


def not_found(request):
    """Any other path under /api/v1/: a JSON 404, never the site's HTML page."""
    return json_response(error_body(f"Aucune ressource de l'API à l'adresse {request.path}."), 404)
