"""JSON responses of /api/v1/: UTF-8 French text as is, errors as {"error", "details"}."""

from django.http import JsonResponse


def json_response(body, status=200):
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def api_error(message, status=400, details=None):
    body = {"error": message}
    if details:
        body["details"] = details
    return json_response(body, status)
