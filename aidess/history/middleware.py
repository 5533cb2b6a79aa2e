"""Replaces django-auditlog's middleware: same actor, plus the origin (page, API or admin with the
method and path); the user is read only when something is logged, and no IP address is kept."""

from django.urls import reverse

from aidess.history.context import Origin, recorded_as


def origin_of(path):
    if path.startswith(reverse("admin:index")):
        return Origin.ADMIN
    if path.startswith("/api/"):
        return Origin.API
    return Origin.PAGE


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with recorded_as(
            origin_of(request.path),
            f"{request.method} {request.path}",
            actor=lambda: getattr(request, "user", None),
        ):
            return self.get_response(request)
