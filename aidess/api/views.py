from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from aidess.api.openapi import build_openapi


def openapi_json(request):
    server = request.build_absolute_uri(reverse("api:openapi")).rsplit("/", 1)[0]
    return JsonResponse(build_openapi(server), json_dumps_params={"ensure_ascii": False})


def docs(request):
    """Readable documentation rendered from the same OpenAPI description (no external script)."""
    spec = build_openapi(request.build_absolute_uri("/api/v1"))
    return render(request, "api/docs.html", {"spec": spec})
