"""Where a change comes from (page, API, admin, command, job), kept for the length of a request,
a command or a job and written on every history entry made meanwhile."""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property

from django.db import models


class Origin(models.TextChoices):
    PAGE = "page", "page"
    API = "api", "API"
    ADMIN = "admin", "administration"
    COMMAND = "command", "commande"
    JOB = "job", "tâche de fond"


class Source:
    """Set on every request: what costs (the user, the correlation id) is made only when
    something is logged."""

    def __init__(self, origin, detail="", actor=None):
        self.origin, self.detail = origin, detail
        # A user, or a callable giving one (a request's user is read only if something is logged).
        self.actor = actor

    @cached_property
    def cid(self):
        """Ties together the entries of one request, command or job (auditlog's correlation id)."""
        return uuid.uuid4().hex

    def user(self):
        actor = self.actor() if callable(self.actor) else self.actor
        return actor if getattr(actor, "is_authenticated", False) else None


_current = ContextVar("aidess_history_source", default=None)


def current_source():
    return _current.get()


def start_recording(origin, detail="", actor=None):
    """From now on, changes come from `origin`; give the token back to `stop_recording`."""
    return _current.set(Source(origin, detail[:300], actor))


def stop_recording(token):
    _current.reset(token)


@contextmanager
def recorded_as(origin, detail="", actor=None):
    """Changes made inside come from `origin` ("command", "load_catalog"…), by `actor` if given."""
    token = start_recording(origin, detail, actor)
    try:
        yield
    finally:
        stop_recording(token)
