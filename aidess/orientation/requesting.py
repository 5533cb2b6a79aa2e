"""Sending a request for help: to its default recipients (`routing.route`) and those the
structure added; a request with a need in common with one of the structure's open requests is
merged into it instead. Consent to share the self-diagnosis and cash-flow plans goes to each
recipient and can be withdrawn."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from aidess.aids.enums import Need
from aidess.diagnosis.models import SharingConsent
from aidess.eligibility.engine import Profile
from aidess.eligibility.profiles import place_codes, profile_of
from aidess.orientation.enums import RequestStatus
from aidess.orientation.models import HelpRequest, Recipient
from aidess.orientation.routing import refresh_status, route


@dataclass(frozen=True)
class Sent:
    help_request: HelpRequest  # the request it went into (the earlier one when merged)
    merged: bool


def routes_for(structure, needs):
    return route(profile_for(structure), needs, timezone.localdate())


def profile_for(structure):
    """The engine profile of a saved structure, or of one read from Sirene and not saved yet."""
    if structure.pk is not None:
        return profile_of(structure)
    return Profile(
        legal_form=structure.legal_form or None,
        ess=structure.is_ess,
        creation_date=structure.creation_date,
        **place_codes(structure.commune),
    )


def open_duplicate(help_request):
    """The structure's earlier request, still open, with a need in common."""
    others = HelpRequest.objects.filter(
        structure=help_request.structure,
        status__in=[RequestStatus.WAITING, RequestStatus.TAKEN],
    ).exclude(pk=help_request.pk)
    for other in others.order_by("created_at", "pk"):
        if set(other.needs) & set(help_request.needs):
            return other
    return None


@transaction.atomic
def send(help_request, extra_organizations=()):
    """Send `help_request` (saved or not) and return where it went."""
    duplicate = open_duplicate(help_request)
    if duplicate is not None:
        return Sent(merge(help_request, duplicate, extra_organizations), merged=True)
    if help_request.pk is None:
        help_request.save()
    routes = routes_for(help_request.structure, help_request.needs)
    for item in routes:
        if item.selected:
            add_recipient(help_request, item.organization, item.offer, item.reason)
    add_extra(help_request, extra_organizations, routes)
    help_request.confirmed_at = timezone.now()
    help_request.save(update_fields=["confirmed_at", "updated_at"])
    share_finances(help_request)
    refresh_status(help_request)
    return Sent(help_request, merged=False)


def merge(new, kept, extra_organizations):
    """The new request's situation and needs added to `kept`, which keeps its recipients."""
    day = date_format(timezone.localtime(), "j F Y")
    kept.situation = f"{kept.situation}\n\nComplément du {day} :\n{new.situation}"
    kept.needs = [need for need in Need.values if need in {*kept.needs, *new.needs}]
    kept.merged_count += 1
    kept.share_finances = kept.share_finances or new.share_finances
    kept.save(update_fields=["situation", "needs", "merged_count", "share_finances", "updated_at"])
    if extra_organizations:
        add_extra(kept, extra_organizations, routes_for(kept.structure, kept.needs))
    if new.pk is not None:
        new.delete()
    share_finances(kept)
    refresh_status(kept)
    return kept


def add_extra(help_request, organizations, routes):
    """Organisations the structure added to the default ones, with their offer's reason."""
    fitting = {}
    for item in routes:
        fitting.setdefault(item.organization.pk, item)
    for organization in organizations:
        item = fitting.get(organization.pk)
        reason = item.reason if item else f"{organization.name} : ajoutée par votre structure."
        add_recipient(help_request, organization, item and item.offer, reason, added=True)


def add_recipient(help_request, organization, offer, reason, added=False):
    if help_request.recipients.filter(organization=organization).exists():
        return
    Recipient.objects.create(
        request=help_request,
        organization=organization,
        offer=offer,
        reason=reason,
        added_by_structure=added,
    )


def share_finances(help_request):
    """When the structure ticked it: each recipient may read its diagnoses and plans."""
    if not help_request.share_finances:
        return
    for recipient in help_request.recipients.select_related("organization"):
        SharingConsent.grant(
            help_request.structure, recipient.organization, help_request.created_by
        )


def active_consents(help_request):
    return SharingConsent.objects.filter(
        structure=help_request.structure,
        organization__in=help_request.recipients.values("organization"),
        revoked_at__isnull=True,
    ).select_related("organization")


@transaction.atomic
def revoke_sharing(help_request):
    """ "Retirer le partage": the recipients no longer read the diagnoses and plans (each
    consent row stays, revoked, as a record)."""
    now = timezone.now()
    revoked = list(active_consents(help_request))
    for consent in revoked:
        consent.revoked_at = now
        consent.save(update_fields=["revoked_at"])
    help_request.share_finances = False
    help_request.save(update_fields=["share_finances", "updated_at"])
    return revoked
