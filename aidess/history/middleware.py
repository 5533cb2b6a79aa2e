"""Replaces django-auditlog's middleware: same actor, plus the origin (page, API or admin with the
method and path); the user is read only when something is logged, and no IP address is kept."""

from functools import cache

from django.urls import reverse

from aidess.history.context import Origin, start_recording, stop_recording


@cache
def admin_prefix():
    return reverse("admin:index")


def origin_of(path):
    if path.startswith(admin_prefix()):
        return Origin.ADMIN
    if path.startswith("/api/"):
        return Origin.API
    return Origin.PAGE


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = start_recording(
            origin_of(request.path),
            f"{request.method} {request.path}",
            actor=lambda: getattr(request, "user", None),
        )
        try:
            return self.get_response(request)
        finally:
            stop_recording(token)
