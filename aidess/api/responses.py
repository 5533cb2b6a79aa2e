"""JSON requests and responses of /api/v1/: UTF-8 French text as is, errors as
{"error", "details"}."""

import json

from django.http import JsonResponse


def json_response(body, status=200):
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def api_error(message, status=400, details=None):
    body = {"error": message}
    if details:
        body["details"] = details
    return json_response(body, status)


def read_json(request, max_bytes, when_empty=None):
    """(data, None) from the request's JSON body, or (None, error response): 413 above
    `max_bytes`, 400 when it is not JSON. An empty body reads as `when_empty`."""
    if len(request.body) > max_bytes:
        return None, api_error(f"Requête trop volumineuse ({max_bytes // 1024} Ko au plus).", 413)
    if not request.body:
        return when_empty, None
    try:
        return json.loads(request.body), None
    except (ValueError, UnicodeDecodeError):
        return None, api_error("Le corps de la requête n'est pas du JSON valide.")
