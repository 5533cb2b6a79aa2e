from django.shortcuts import render
from django.urls import reverse

from aidess.api.openapi import build_openapi
from aidess.api.responses import json_response


def openapi_json(request):
    server = request.build_absolute_uri(reverse("api:openapi")).rsplit("/", 1)[0]
    return json_response(build_openapi(server))


def docs(request):
    """Readable documentation rendered from the same OpenAPI description (no external script)."""
    spec = build_openapi(request.build_absolute_uri("/api/v1"))
    return render(request, "api/docs.html", {"spec": spec})
