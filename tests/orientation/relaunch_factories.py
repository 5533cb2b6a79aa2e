"""The support network around one request, built with the models: the DLA de la Creuse (two
advisors, an administrator, a former member and a deactivated account) under its regional head
of network, France Active Nouvelle-Aquitaine, the regional watch cells of Nouvelle-Aquitaine and
Hauts-de-France, and the Aubusson theatre company's request to them."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization, OrganizationMembership
from aidess.orientation.enums import ZoneKind
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import HelpRequest, Recipient, SupportOffer
from aidess.orientation.routing import refresh_status
from aidess.territories.models import Commune
from tests.factories import StructureFactory, UserFactory

CONTACT = "contact@lucioles.example"


def at(year, month, day, hour=10):
    """A moment in Paris time."""
    return timezone.make_aware(datetime(year, month, day, hour))


def organization(name, kind=OrganizationKind.SUPPORT, regions=(), departments=(), **kwargs):
    scope = ScopeLevel.DEPARTMENTAL if departments else ScopeLevel.REGIONAL
    organization = Organization.objects.create(name=name, kind=kind, scope_level=scope, **kwargs)
    organization.regions.set(regions)
    organization.departments.set(departments)
    return organization


def member(organization, email, is_admin=False, is_active=True, user_active=True):
    user = UserFactory(email=email, is_active=user_active, first_name="", last_name="")
    OrganizationMembership.objects.create(
        user=user, organization=organization, is_admin=is_admin, is_active=is_active
    )
    return user


def offer(organization):
    """The organisation's DLA offer in the Creuse (the scheme of the catalog)."""
    return SupportOffer.objects.create(
        organization=organization,
        scheme=Aid.objects.get(slug="dla"),
        needs=["advice", "employment"],
        zone_kind=ZoneKind.DEPARTMENT,
        zone_codes=["23"],
    )


@dataclass
class Network:
    dla: Organization
    head: Organization
    advisors: list
    admin: object
    head_member: object
    watch_agent: object  # Nouvelle-Aquitaine
    other_watch_agent: object  # Hauts-de-France
    bystanders: list = field(default_factory=list)  # never written to


def network():
    head = organization("France Active Nouvelle-Aquitaine", regions=["75"])
    dla = organization("DLA de la Creuse", departments=["23"], parent=head)
    advisors = [member(dla, "lea@dla23.example"), member(dla, "marc@dla23.example")]
    admin = member(dla, "direction@dla23.example", is_admin=True)
    bystanders = [
        member(dla, "ancien@dla23.example", is_active=False),
        member(dla, "desactive@dla23.example", user_active=False),
    ]
    head_member = member(head, "reseau@franceactive-na.example")
    cell_na = organization(
        "Cellule de veille Nouvelle-Aquitaine", OrganizationKind.WATCH_CELL, ["75"]
    )
    cell_hdf = organization(
        "Cellule de veille Hauts-de-France", OrganizationKind.WATCH_CELL, ["32"]
    )
    watch_agent = member(cell_na, "veille@na.example")
    other = member(cell_hdf, "veille@hdf.example")
    return Network(dla, head, advisors, admin, head_member, watch_agent, other, bystanders)


def help_request(organizations, confirmed_at, **kwargs):
    """The Aubusson theatre company's request, sent to `organizations` (confirmed at
    `confirmed_at`, or not yet when None)."""
    structure = StructureFactory(
        name="Compagnie des Lucioles", commune=Commune.objects.get(code="23008")
    )
    request = HelpRequest.objects.create(
        structure=structure,
        needs=["advice", "activity_funding"],
        situation="Notre principal financeur a réduit sa subvention de moitié : l'activité "
        "s'arrête en mars.",
        contact_name="Claire Martin",
        contact_email=CONTACT,
        confirmed_at=confirmed_at,
        created_at=confirmed_at or timezone.now(),
        **kwargs,
    )
    for organization in organizations:
        Recipient.objects.create(
            request=request,
            organization=organization,
            offer=offer(organization),
            reason="Structure employeuse de la Creuse",
        )
    refresh_status(request)
    return request


def take(recipient, advisor, when=None):
    """What taking a request does (the handling's own function is another helper's)."""
    log = ORIENTATION_LIFECYCLE.apply(recipient, "take", advisor)
    recipient.advisor, recipient.taken_at = advisor, when or timezone.now()
    recipient.save(update_fields=["advisor", "taken_at"])
    refresh_status(recipient.request)
    return log


def close(help_request, when):
    """A request closed with help proposed at `when`."""
    help_request.status = "help_proposed"
    help_request.closed_at = when
    help_request.save(update_fields=["status", "closed_at"])
    return help_request


def committed(change, *args, **kwargs):
    """Run a change and what its commit queues; the e-mails sent, by address (one address per
    e-mail: nobody sees the others')."""
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        change(*args, **kwargs)
    sent = {}
    for message in mail.outbox:
        assert len(message.to) == 1
        sent.setdefault(message.to[0], []).append(message)
    return sent
