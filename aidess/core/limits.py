"""Request bodies too large for any page are refused before a byte of them is read.

Under WSGI (gunicorn, runserver) Django reads at most the declared `Content-Length` bytes of a
body (a body sent without one, chunked, is not read at all), so the declared length decides: a
multipart upload above `MAX_UPLOAD_BYTES`, or any other body above `DATA_UPLOAD_MAX_MEMORY_SIZE`,
gets a 413 with a French message (JSON under /api/) instead of being streamed to a temporary file
or read into memory first. Each form then checks its own, smaller, limit next to its file field.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from aidess.core.api import error_body, json_response

TOO_LARGE = "Envoi trop volumineux : {size} au plus. Rien n'a été lu ni enregistré."


def body_limit(request):
    """The largest body this request may declare, in bytes."""
    if request.content_type == "multipart/form-data":
        return settings.MAX_UPLOAD_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def megabytes(size):
    return f"{size / (1024 * 1024):.0f} Mo" if size >= 1024 * 1024 else f"{size // 1024} Ko"


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        limit = body_limit(request)
        if declared.isdigit() and int(declared) > limit:
            return self.refuse(request, limit)
        return self.get_response(request)

    def refuse(self, request, limit):
        message = TOO_LARGE.format(size=megabytes(limit))
        if request.path.startswith("/api/"):
            return json_response(error_body(message), 413)
        page = render_to_string("413.html", {"message": message}, request=request)
        return HttpResponse(page, status=413)
