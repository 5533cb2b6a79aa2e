"""Who acts for a structure: its first member administers it; later people ask to join and an
administrator decides (`JOIN_LIFECYCLE`, each transition logged); administrators name other
administrators and deactivate members, never the last active administrator; a support
organisation whose territory covers the structure can vouch for a member. Every change of a
membership is a history entry of the structure (`audit.py`), read in French by `history.py`."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from aidess.core.tasks import send_email
from aidess.lifecycles.machine import Lifecycle, Transition
from aidess.structures.enums import Confirmation, JoinStatus
from aidess.structures.models import JoinRequest, StructureMembership
from aidess.structures.permissions import (
    active_admins,
    can_cancel_join_request,
    can_confirm_as_support,
    can_decide_join_request,
    support_organization_for,
)

PENDING, APPROVED = JoinStatus.PENDING, JoinStatus.APPROVED
REFUSED, CANCELLED = JoinStatus.REFUSED, JoinStatus.CANCELLED

JOIN_LIFECYCLE = Lifecycle(
    JoinStatus,
    [
        Transition("approve", "Accepter", {PENDING}, APPROVED, can_decide_join_request),
        Transition(
            "refuse",
            "Refuser",
            {PENDING},
            REFUSED,
            can_decide_join_request,
            comment="Motif du refus",
        ),
        Transition("cancel", "Annuler ma demande", {PENDING}, CANCELLED, can_cancel_join_request),
    ],
)

LAST_ADMIN = (
    "{name} est la dernière personne à administrer la structure : nommez d'abord un autre "
    "administrateur."
)


class MembershipRefused(Exception):
    """A French message for the person; nothing was changed."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def person_name(user):
    if user is None:
        return "un compte supprimé"
    return user.get_full_name() or user.email


def short_date(moment):
    return date_format(timezone.localtime(moment), "d/m/Y") if moment else ""


# The first member ------------------------------------------------------------------------------


def add_founder(structure, user):
    """The person who registers a structure administers it until others join."""
    return StructureMembership.objects.create(
        user=user, structure=structure, is_admin=True, confirmation=Confirmation.FOUNDER
    )


# Join requests ---------------------------------------------------------------------------------


def pending_request(structure, user):
    return JoinRequest.objects.filter(structure=structure, user=user, status=PENDING).first()


def request_to_join(structure, user, message, absolute):
    """A pending request, its administrators told by e-mail. Refused gently (MembershipRefused)
    for a member of the structure or a second pending request. `absolute(path)` makes a link."""
    if StructureMembership.objects.filter(structure=structure, user=user, is_active=True).exists():
        raise MembershipRefused("Vous faites déjà partie de cette structure.")
    existing = pending_request(structure, user)
    if existing is not None:
        raise MembershipRefused(already_pending(existing))
    try:
        with transaction.atomic():
            join = JoinRequest.objects.create(
                structure=structure, user=user, message=message.strip()
            )
    except IntegrityError:  # the same request sent twice at once
        raise MembershipRefused(already_pending(pending_request(structure, user))) from None
    notify_admins(join, absolute)
    return join


def already_pending(join):
    day = short_date(join.created_at) if join else ""
    return (
        f"Vous avez déjà demandé à rejoindre cette structure{f' le {day}' if day else ''} : "
        "votre demande attend la réponse de ses administrateurs."
    )


def approve(join, user, absolute):
    """The requester becomes an active member, confirmed by the deciding administrator; told by
    e-mail once the change is stored."""
    with transaction.atomic():
        JOIN_LIFECYCLE.apply(join, "approve", user)
        join.decided_by, join.decided_at = user, timezone.now()
        join.save(update_fields=["decided_by", "decided_at"])
        membership, created = StructureMembership.objects.get_or_create(
            structure=join.structure,
            user=join.user,
            defaults=confirmed_by_admin(user, join.decided_at),
        )
        if not created:  # a former member comes back
            values = {"is_active": True, "is_admin": False}
            for name, value in {**values, **confirmed_by_admin(user, join.decided_at)}.items():
                setattr(membership, name, value)
            membership.save()
    notify_requester(join, absolute)
    return membership


def confirmed_by_admin(user, moment):
    return {
        "confirmation": Confirmation.ADMIN_APPROVAL,
        "confirmed_by": user,
        "confirmed_at": moment,
        "confirming_organization": None,
    }


def refuse(join, user, reason, absolute):
    with transaction.atomic():
        JOIN_LIFECYCLE.apply(join, "refuse", user, comment=reason)
        join.decided_by, join.decided_at, join.reason = user, timezone.now(), reason.strip()
        join.save(update_fields=["decided_by", "decided_at", "reason"])
    notify_requester(join, absolute)


def cancel(join, user):
    JOIN_LIFECYCLE.apply(join, "cancel", user)


# Administrators and members --------------------------------------------------------------------


def locked_admins(structure):
    """The structure's active administrators, rows locked until the transaction ends: two
    administrators stepping down at once cannot leave the structure without one."""
    return list(active_admins(structure).select_for_update().order_by("pk"))


@transaction.atomic
def make_admin(membership):
    if not membership.is_active:
        raise MembershipRefused("Seul un membre actif peut administrer la structure.")
    if not membership.is_admin:
        membership.is_admin = True
        membership.save(update_fields=["is_admin"])


@transaction.atomic
def remove_admin(membership):
    if membership.is_admin:
        check_not_last_admin(membership)
        membership.is_admin = False
        membership.save(update_fields=["is_admin"])


@transaction.atomic
def deactivate(membership):
    """The person leaves the structure (the membership is kept, inactive, for the history)."""
    if membership.is_active:
        check_not_last_admin(membership)
        membership.is_active = False
        membership.is_admin = False
        membership.save(update_fields=["is_active", "is_admin"])


def check_not_last_admin(membership):
    admins = locked_admins(membership.structure)
    if membership.is_admin and [a.pk for a in admins] == [membership.pk]:
        raise MembershipRefused(LAST_ADMIN.format(name=person_name(membership.user)))


@transaction.atomic
def confirm_as_support(membership, user):
    """An advisor of a support organisation covering the structure vouches for the member."""
    organization = support_organization_for(user, membership.structure)
    if organization is None:
        raise MembershipRefused(
            "Seul un organisme d'accompagnement dont le territoire couvre la structure peut "
            "confirmer le rattachement de ses membres."
        )
    if not membership.is_active:
        raise MembershipRefused("Cette personne ne fait plus partie de la structure.")
    membership.confirmation = Confirmation.SUPPORT_ORGANISATION
    membership.confirmed_by, membership.confirmed_at = user, timezone.now()
    membership.confirming_organization = organization
    membership.save(
        update_fields=["confirmation", "confirmed_by", "confirmed_at", "confirming_organization"]
    )
    return organization


def confirmation_text(membership):
    """How the member's link was confirmed, as an instructor reads it."""
    day = short_date(membership.confirmed_at)
    match membership.confirmation:
        case Confirmation.ADMIN_APPROVAL:
            who = person_name(membership.confirmed_by)
            return f"Rattachement confirmé par {who}, qui administre la structure, le {day}"
        case Confirmation.SUPPORT_ORGANISATION:
            organization = membership.confirming_organization
            name = organization.name if organization else "un organisme d'accompagnement"
            return f"Confirmé par {name} le {day}"
        case Confirmation.OFFICERS_LIST:
            return "Nommé(e) dans la liste des dirigeants du dossier"
    return "Premier membre de la structure : rattachement non confirmé par un tiers"


# E-mails ---------------------------------------------------------------------------------------


@dataclass
class Mail:
    template: str
    context: dict

    def send(self, to):
        subject = " ".join(
            render_to_string(f"structures/email/{self.template}_subject.txt", self.context).split()
        )
        body = render_to_string(f"structures/email/{self.template}.txt", self.context)
        send_email(subject, body, to)


def notify_admins(join, absolute):
    emails = list(
        active_admins(join.structure)
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
    )
    if emails:
        link = absolute(reverse("structures:members", args=[join.structure_id]))
        context = {"join": join, "requester": person_name(join.user), "link": link}
        Mail("join_request", context).send(emails)


def notify_requester(join, absolute):
    link = absolute(reverse("structures:detail", args=[join.structure_id]))
    Mail("join_decision", {"join": join, "link": link}).send([join.user.email])


def members_to_confirm(user, structure):
    """What the structure's page offers an advisor: the members no support organisation has
    vouched for yet."""
    if not can_confirm_as_support(user, structure):
        return []
    return list(
        structure.memberships.filter(is_active=True)
        .exclude(confirmation=Confirmation.SUPPORT_ORGANISATION)
        .select_related("user")
        .order_by("user__last_name", "pk")
    )


# Dashboard -------------------------------------------------------------------------------------


def dashboard_section(user):
    """Requests waiting for the user's decision (structures it administers) and its own."""
    administered = StructureMembership.objects.filter(
        user=user, is_active=True, is_admin=True
    ).values("structure_id")
    return {
        "requests_to_decide": JoinRequest.objects.filter(
            structure_id__in=administered, status=PENDING
        )
        .select_related("user", "structure")
        .order_by("created_at", "pk"),
        "my_requests": JoinRequest.objects.filter(user=user, status=PENDING)
        .select_related("structure")
        .order_by("created_at", "pk"),
    }
