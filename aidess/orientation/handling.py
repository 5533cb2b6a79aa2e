"""An advisor's answers to a request for help (Place des entreprises, Dora): take it, close it
(help proposed, no help possible, unreachable) or say « pas pour nous », possibly redirecting it
to another support organisation. Each goes through `ORIENTATION_LIFECYCLE` (checked, logged),
keeps the recipient's and the request's dates, and ends with `routing.refresh_status`."""

from django.db import transaction

from aidess.lifecycles.machine import TransitionRefused
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.orientation.enums import NEARNESS, ZoneKind
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import HelpRequest, Recipient, SupportOffer
from aidess.orientation.routing import refresh_status

CLOSINGS = ("propose_help", "no_help", "unreachable")


def person(user):
    return user.get_full_name() or user.email


def _first_answer(help_request, when):
    """The request's first answer, kept once (row locked: two advisors may answer together)."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.first_answer_at is None:
        locked.first_answer_at = when
        locked.save(update_fields=["first_answer_at", "updated_at"])
    help_request.first_answer_at = locked.first_answer_at


@transaction.atomic
def take(recipient, user):
    """The advisor takes care of the request for its organisation."""
    log = ORIENTATION_LIFECYCLE.apply(recipient, "take", user)
    recipient.advisor, recipient.taken_at = user, log.created_at
    recipient.save(update_fields=["advisor", "taken_at", "updated_at"])
    _first_answer(recipient.request, log.created_at)
    refresh_status(recipient.request)
    return log


@transaction.atomic
def close(recipient, user, transition_name, comment):
    """Help proposed, no help possible, or the structure could not be reached."""
    if transition_name not in CLOSINGS:
        raise TransitionRefused(f"Action inconnue : « {transition_name} ».", 400)
    log = ORIENTATION_LIFECYCLE.apply(recipient, transition_name, user, comment)
    recipient.closed_at = log.created_at
    fields = ["closed_at", "updated_at"]
    if recipient.advisor_id is None:
        recipient.advisor = user
        fields.append("advisor")
    recipient.save(update_fields=fields)
    _first_answer(recipient.request, log.created_at)
    refresh_status(recipient.request)
    return log


@transaction.atomic
def decline(recipient, user, reason, redirect_to=None):
    """« Pas pour nous », with a reason; `redirect_to` (one of `redirection_choices`) then
    receives the request, told who redirected it and why."""
    if (
        redirect_to is not None
        and not redirection_choices(recipient).filter(pk=redirect_to.pk).exists()
    ):
        raise TransitionRefused(
            "Cette organisation ne peut pas recevoir la demande : choisissez-en une de la liste.",
            400,
        )
    log = ORIENTATION_LIFECYCLE.apply(recipient, "decline", user, reason)
    recipient.closed_at = log.created_at
    recipient.save(update_fields=["closed_at", "updated_at"])
    if redirect_to is not None:
        Recipient.objects.create(
            request=recipient.request,
            organization=redirect_to,
            offer=nearest_offer(recipient.request.structure, redirect_to),
            redirected_from=recipient,
            reason=f"Réorientée par {recipient.organization.name} ({person(user)}) : "
            f"{reason.strip()}",
        )
    refresh_status(recipient.request)
    return log


def place_codes(structure):
    """{zone kind: the structure's code for it}: what an offer's zone is compared with."""
    commune = structure.commune
    return {
        ZoneKind.COMMUNE: commune.code if commune else None,
        ZoneKind.EPCI: commune.epci_id if commune else None,
        ZoneKind.DEPARTMENT: structure.department_id,
        ZoneKind.REGION: structure.region_id,
    }


def covers(offer, codes):
    if offer.zone_kind == ZoneKind.NATIONAL:
        return True
    code = codes.get(offer.zone_kind)
    return code is not None and code in offer.zone_codes


def covering_offers(structure):
    """Active offers of active support organisations whose zone covers the structure's place,
    nearest zone first. Offers are few (one or two per organisation): read once, matched here,
    as SQLite cannot search inside the JSON list of codes."""
    codes = place_codes(structure)
    offers = SupportOffer.objects.filter(
        is_active=True,
        organization__is_active=True,
        organization__kind=OrganizationKind.SUPPORT,
    ).only("pk", "organization_id", "zone_kind", "zone_codes")
    return sorted(
        (offer for offer in offers if covers(offer, codes)),
        key=lambda offer: (NEARNESS[offer.zone_kind], offer.pk),
    )


def nearest_offer(structure, organization):
    return next(
        (o for o in covering_offers(structure) if o.organization_id == organization.pk), None
    )


def redirection_choices(recipient):
    """Where a recipient may redirect its request: the other active support organisations
    whose offers cover the structure's place and that have not received it yet."""
    offers = covering_offers(recipient.request.structure)
    already = recipient.request.recipients.values("organization")
    return (
        Organization.objects.filter(pk__in={offer.organization_id for offer in offers})
        .exclude(pk__in=already)
        .order_by("name")
    )
