"""Where a change comes from (page, API, admin, command, job), kept for the length of a request,
a command or a job and written on every history entry made meanwhile."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models


class Origin(models.TextChoices):
    PAGE = "page", "page"
    API = "api", "API"
    ADMIN = "admin", "administration"
    COMMAND = "command", "commande"
    JOB = "job", "tâche de fond"


@dataclass(frozen=True)
class Source:
    origin: str
    detail: str = ""
    # A user, or a callable giving one (a request's user is read only if something is logged).
    actor: object = None

    def user(self):
        actor = self.actor() if callable(self.actor) else self.actor
        return actor if getattr(actor, "is_authenticated", False) else None


_current = ContextVar("aidess_history_source", default=None)


def current_source():
    return _current.get()


@contextmanager
def recorded_as(origin, detail="", actor=None):
    """Changes made inside come from `origin` ("command", "load_catalog"…), by `actor` if given."""
    token = _current.set(Source(origin, detail[:300], actor))
    try:
        yield
    finally:
        _current.reset(token)
