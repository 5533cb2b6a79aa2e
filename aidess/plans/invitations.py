"""The invitation a plan's activation sends each targeted structure: a signed link (no stored
token) to its self-diagnosis and cash-flow plan, e-mailed to its active members when it has
any; the others are reached by the cell and the plan's organisations (their follow-up line)."""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse

from aidess.core.tasks import send_email

SALT = "plans.invitation"


def token_of(target_id):
    """The same link for a line every time it is written (no timestamp: a plan's invitation
    stays valid as long as the plan; a closed plan's page says it is closed)."""
    return signing.Signer(salt=SALT).sign_object(target_id)


def target_id_of(token):
    """The follow-up line's id, or None for a forged token (a closed plan's page says so)."""
    try:
        return signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return None


def invitation_path(target_id):
    return reverse("plans:invitation", args=[token_of(target_id)])


def mail_invitation(plan, target_id, structure_name, emails):
    """Queue the invitation e-mail of one structure to its members."""
    context = {
        "plan": plan,
        "structure_name": structure_name,
        "url": settings.SITE_URL + invitation_path(target_id),
    }
    send_email(
        f"{plan.name} : faites le point sur votre situation avec AidESS",
        render_to_string("plans/mail/invitation.txt", context),
        sorted(emails),
    )
