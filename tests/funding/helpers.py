"""Applications of one aid with an envelope, and the people who act on them."""

from decimal import Decimal

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import ApplicationTerms
from aidess.history.models import AuditEntry
from tests.factories import ApplicationFactory, instructor
from tests.html import Page


def aid_with_envelope(voted="10000", **application):
    """An application in instruction to an aid whose envelope is `voted`, and its instructor."""
    first = ApplicationFactory(status=S.INSTRUCTION, **application)
    ApplicationTerms.objects.create(
        aid=first.aid, envelope_eur=None if voted is None else Decimal(voted)
    )
    return first, instructor(first)


def another(application, status=S.INSTRUCTION, **kwargs):
    """Another application to the same aid."""
    return ApplicationFactory(aid=application.aid, status=status, **kwargs)


def history_changes(obj):
    """[{field: [before, after]}] of the history entries of `obj`, oldest first."""
    entries = AuditEntry.objects.get_for_object(obj).order_by("pk")
    return [entry.changes_dict for entry in entries]


def decision_url(application):
    return f"/financement/demandes/{application.pk}/decision/"


def payments_url(application):
    return f"/financement/demandes/{application.pk}/versements/"


def terms_url(aid):
    return f"/financement/aides/{aid.slug}/modalites/"


def text_of(response):
    """What a person reads on the page."""
    return Page(response.content.decode()).all_text
