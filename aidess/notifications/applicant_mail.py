"""The applicant's e-mail at each state change of its application.

Who: every active member of the structure (active account). Any of them may act for the
structure (`applications.permissions.is_applicant`: answer a correction, withdraw), so each must
know when the funder asks or decides; structures here are small (a chair, a treasurer, a
director), and the submitter may have left while the others stay. The person who made the change
gets it too: a receipt of what was sent (a submission, an answer, a withdrawal).

What: what changed, in a sentence; the reason or answer the transition carries (every comment of
this lifecycle is one the applicant reads; private notes are another table and never read here);
for an acceptance the amount granted and the conditions (not the transition's comment, which may
hold the instructors' reason for going beyond the envelope); a link to the application's page.
"""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from aidess.applications.enums import ApplicationStatus
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.core.formats import euros
from aidess.core.tasks import send_email
from aidess.notifications.links import absolute, application_path

HEADLINES = {
    "submit": "Votre demande a bien été déposée : le financeur va l'examiner.",
    "instruct": "Votre demande est en cours d'instruction.",
    "request_correction": (
        "Le financeur vous demande une correction. Répondez depuis la page de la demande : "
        "l'instruction reprend dès votre réponse."
    ),
    "answer_correction": (
        "La réponse à la demande de correction a été envoyée : la demande revient en instruction."
    ),
    "accept": "Votre demande est acceptée.",
    "refuse": "Votre demande est refusée.",
    "close": "Votre demande est classée sans suite.",
    "reopen": "Votre demande est rouverte : elle revient en instruction.",
    "withdraw": "Votre demande a été retirée.",
}


def recipients(application):
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            structure_memberships__structure_id=application.structure_id,
            structure_memberships__is_active=True,
        )
        .order_by("pk")
        .values_list("email", flat=True)
    )  # one membership per user and structure: no duplicates


def context_of(log, application):
    transition = APPLICATION_LIFECYCLE.transitions.get(log.transition)
    accepted = log.to_state == ApplicationStatus.ACCEPTED
    return {
        "application": application,
        "title": application.project_title or application.aid.name,
        "aid": application.aid,
        "headline": HEADLINES.get(log.transition, "L'état de votre demande a changé."),
        "from_label": APPLICATION_LIFECYCLE.label(log.from_state),
        "to_label": APPLICATION_LIFECYCLE.label(log.to_state),
        "comment_label": (transition.comment if transition and transition.comment else "Motif"),
        "comment": "" if accepted else log.comment,
        "amount": euros(application.amount_granted_eur) if accepted else "",
        "conditions": application.decision_conditions if accepted else "",
        "link": absolute(application_path(application)),
        "occurred_at": log.created_at,
    }


def notify_applicants(log, application):
    """One e-mail per member (addresses are not shown to each other); how many were queued."""
    context = context_of(log, application)
    subject = " ".join(
        render_to_string("notifications/status_changed_subject.txt", context).split()
    )
    body = render_to_string("notifications/status_changed_email.txt", context)
    addresses = recipients(application)
    for address in addresses:
        send_email(subject, body, [address])
    return len(addresses)
