"""E-mails of the shared diagnosis: the structure's leaders are told it waits for their
validation, the advisor that they validated it or sent remarks. Rendered here, sent by the task
queue once the change is stored."""

from django.db import transaction
from django.template.loader import render_to_string

from aidess.core.tasks import send_email


def _send(template, context, to):
    if not to:
        return
    subject = " ".join(render_to_string(f"pathways/email/{template}_subject.txt", context).split())
    body = render_to_string(f"pathways/email/{template}.txt", context)
    transaction.on_commit(lambda: send_email(subject, body, to))


def leaders_emails(pathway):
    return list(
        pathway.structure.memberships.filter(is_active=True, is_admin=True, user__is_active=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def diagnosis_submitted(pathway, link):
    _send("diagnosis_submitted", {"pathway": pathway, "link": link}, leaders_emails(pathway))


def diagnosis_answered(pathway, diagnosis, link):
    """To the advisor who runs the pathway: validated, or remarks to take into account."""
    advisor = pathway.advisor
    to = [advisor.email] if advisor is not None and advisor.is_active else []
    context = {"pathway": pathway, "diagnosis": diagnosis, "link": link}
    _send("diagnosis_answered", context, to)
