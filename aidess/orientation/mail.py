"""The e-mails of orientation, rendered where the event happens (a task after the commit, a daily
job) and sent one per address through `core.tasks.send_email` (nobody sees the others' address).

- A recipient organisation's active members: a new request for them, its relaunch.
- The managers of a recipient (members of its head of network, its own administrators): a
  request it left untaken for 9 working days.
- The regional watch cell's members: a request nobody took in 21 working days.
- The request's contact: each step of its handling and of its relaunches, then the satisfaction
  question. The contact may have no account: links carry the request's token, never a sign-in.

Links are absolute (`SITE_URL`): these e-mails are written outside any web request. The
advisors' card is built from its path, `/accompagnement/recues/<recipient>/`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from aidess.core.tasks import send_email
from aidess.orientation.enums import Relaunch
from aidess.orientation.satisfaction import SCORES

HANDLING_HEADLINES = {
    "take": "Votre demande est prise en charge par {organization}.",
    "propose_help": "{organization} a clôturé votre demande en vous proposant une aide.",
    "no_help": "{organization} a clôturé votre demande : aucune aide n'est possible de sa part.",
    "unreachable": "{organization} n'a pas réussi à vous joindre et a clôturé votre demande.",
    "decline": "{organization} indique que votre demande ne relève pas de son accompagnement.",
}
RELAUNCH_TEMPLATES = {
    Relaunch.RECIPIENTS: "relaunch_recipients",
    Relaunch.MANAGERS: "relaunch_managers",
    Relaunch.WATCH_CELL: "relaunch_watch",
}


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    address: str


def absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def card_url(recipient):
    return absolute(f"/accompagnement/recues/{recipient.pk}/")


def satisfaction_url(help_request, score):
    """The one-click link giving `score`."""
    token = help_request.satisfaction_token
    return absolute(reverse("orientation:satisfaction_score", args=[token, score]))


def member_addresses(organizations, admins_only=False):
    """Addresses of the active accounts with an active membership in these active organisations,
    each once."""
    memberships = {
        "organization_memberships__organization__in": organizations,
        "organization_memberships__organization__is_active": True,
        "organization_memberships__is_active": True,
    }
    if admins_only:
        memberships["organization_memberships__is_admin"] = True
    users = get_user_model().objects.filter(is_active=True, **memberships)
    return sorted(set(users.values_list("email", flat=True)))


def render(template, context, addresses):
    """One `Email` per address; the subject on one line."""
    subject = " ".join(
        render_to_string(f"orientation/mail/{template}_subject.txt", context).split()
    )
    body = render_to_string(f"orientation/mail/{template}_email.txt", context)
    return [Email(subject, body, address) for address in addresses]


def send(emails):
    for email in emails:
        send_email(email.subject, email.body, [email.address])
    return len(emails)


def send_on_commit(emails):
    """Queue `emails` once the current transaction commits (none for a change rolled back)."""
    transaction.on_commit(lambda: send(emails))


def about(help_request):
    """What every e-mail says of the request."""
    structure = help_request.structure
    return {
        "help_request": help_request,
        "structure": structure,
        "commune": structure.commune,
        "needs": ", ".join(help_request.need_labels()),
        "sent_on": help_request.confirmed_at or help_request.created_at,
    }


def new_request(recipient):
    """The organisation's members: a request to take (or one redirected to them)."""
    context = {
        **about(recipient.request),
        "recipient": recipient,
        "organization": recipient.organization,
        "redirected_by": recipient.redirected_from.organization
        if recipient.redirected_from_id
        else None,
        "link": card_url(recipient),
    }
    return render("new_request", context, member_addresses([recipient.organization]))


def handling_changed(log, recipient):
    """The request's contact: a recipient took, closed or declined its request."""
    organization = recipient.organization
    redirections = [r.organization for r in recipient.redirections.select_related("organization")]
    context = {
        **about(recipient.request),
        "transition": log.transition,
        "headline": HANDLING_HEADLINES[log.transition].format(organization=organization),
        "organization": organization,
        "advisor": recipient.advisor if log.transition == "take" else None,
        "comment": log.comment,
        "redirections": redirections,
        "occurred_at": log.created_at,
    }
    return render("handling_changed", context, [recipient.request.contact_email])


def relaunched(help_request, level, waiting, cells, next_step_on):
    """Everyone a relaunch of `level` reaches: the recipients still waiting (their members, or
    their managers), or the watch cells; and the contact, told where its request stands."""
    base = {
        **about(help_request),
        "level": level,
        "organizations": [recipient.organization for recipient in waiting],
        "cells": cells,
        "next_step_on": next_step_on,
    }
    emails = []
    if level == Relaunch.WATCH_CELL:  # no link: the advisors' card is not theirs to open
        emails += render("relaunch_watch", base, member_addresses(cells))
    for recipient in waiting if level != Relaunch.WATCH_CELL else []:
        organization = recipient.organization
        context = {**base, "organization": organization, "link": card_url(recipient)}
        if level == Relaunch.RECIPIENTS:
            addresses = member_addresses([organization])
        else:
            heads = [organization.parent] if organization.parent_id else []
            addresses = sorted(
                set(member_addresses(heads)) | set(member_addresses([organization], True))
            )
        emails += render(RELAUNCH_TEMPLATES[level], context, addresses)
    emails += render("relaunch_contact", base, [help_request.contact_email])
    return emails


def satisfaction_question(help_request):
    context = {
        **about(help_request),
        "links": [(score, satisfaction_url(help_request, score)) for score in SCORES],
    }
    return render("satisfaction", context, [help_request.contact_email])
