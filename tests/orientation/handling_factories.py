"""Requests for help to handle, built directly with the models: a theatre company in Aubusson
(Creuse, 23, Nouvelle-Aquitaine 75), the DLA de la Creuse and its advisor, the regional DLA
(its head of network) and its manager, France Active Nouvelle-Aquitaine, and a DLA of the
Corrèze (19) that covers nothing in the Creuse."""

import datetime
import secrets
from dataclasses import dataclass

from django.utils import timezone

from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization, OrganizationMembership
from aidess.orientation.enums import RecipientStatus, Relaunch, ZoneKind
from aidess.orientation.models import HelpRequest, Recipient, SupportOffer
from aidess.orientation.routing import refresh_status
from aidess.territories.models import Commune
from tests.factories import AidFactory, StructureFactory, UserFactory
from tests.html import Page

AUBUSSON = "23008"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def support_organization(name, scope=ScopeLevel.DEPARTMENTAL, regions=(), departments=(), **kw):
    organization = Organization.objects.create(
        name=name, kind=OrganizationKind.SUPPORT, scope_level=scope, **kw
    )
    organization.regions.set(regions)
    organization.departments.set(departments)
    return organization


def member_of(organization, **user_fields):
    user = UserFactory(**user_fields)
    OrganizationMembership.objects.create(user=user, organization=organization)
    return user


def scheme(slug="dla"):
    return Aid.objects.filter(slug=slug).first() or AidFactory(slug=slug, name=slug.upper())


def offer(organization, zone_kind, codes=(), slug="dla", needs=("advice",)):
    return SupportOffer.objects.create(
        organization=organization,
        scheme=scheme(slug),
        needs=list(needs),
        zone_kind=zone_kind,
        zone_codes=list(codes),
    )


def help_request(structure, sent=None, needs=("advice",), relaunch=Relaunch.NONE, **fields):
    """A request the structure confirmed `sent` (now by default)."""
    sent = sent or timezone.now()
    fields.setdefault("situation", "Nous perdons une subvention et cherchons un appui.")
    fields.setdefault("contact_email", "contact@lucioles.example")
    # models.py's default for it is the `confirmation_token` field, not the function (the
    # class body rebinds the name): the same text for every request. Reported; given here.
    fields.setdefault("satisfaction_token", secrets.token_urlsafe(24))
    return HelpRequest.objects.create(
        structure=structure,
        needs=list(needs),
        confirmed_at=sent,
        created_at=sent,
        relaunch=relaunch,
        **fields,
    )


def send(request, *organizations, status=RecipientStatus.WAITING, **fields):
    """Recipients of `request` (in the given status), its derived status refreshed."""
    recipients = [
        Recipient.objects.create(
            request=request,
            organization=organization,
            status=status,
            reason=f"L'offre de {organization.name} couvre la commune.",
            created_at=request.confirmed_at or timezone.now(),
            **fields,
        )
        for organization in organizations
    ]
    refresh_status(request)
    return recipients[0] if len(recipients) == 1 else recipients


@dataclass
class Network:
    structure: object
    dla: object
    advisor: object
    colleague: object
    regional: object
    manager: object
    france_active: object
    france_active_advisor: object
    correze: object
    correze_advisor: object


def network():
    regional = support_organization(
        "DLA régional Nouvelle-Aquitaine", ScopeLevel.REGIONAL, regions=["75"]
    )
    dla = support_organization("DLA de la Creuse", departments=["23"], parent=regional)
    france_active = support_organization(
        "France Active Nouvelle-Aquitaine", ScopeLevel.REGIONAL, regions=["75"]
    )
    correze = support_organization("DLA de la Corrèze", departments=["19"], parent=regional)
    offer(dla, ZoneKind.DEPARTMENT, ["23"])
    offer(france_active, ZoneKind.REGION, ["75"], needs=("cash", "investment"))
    offer(correze, ZoneKind.DEPARTMENT, ["19"])
    offer(regional, ZoneKind.REGION, ["75"])
    structure = StructureFactory(
        name="Compagnie des Lucioles",
        siret="12345678900017",
        commune=Commune.objects.get(code=AUBUSSON),
        sector="culture",
        employees_fte=3,
        annual_budget_eur=120000,
        public_funding_share=60,
    )
    return Network(
        structure=structure,
        dla=dla,
        advisor=member_of(dla, first_name="Dominique", last_name="Lavergne"),
        colleague=member_of(dla),
        regional=regional,
        manager=member_of(regional, first_name="Rose", last_name="Manager"),
        france_active=france_active,
        france_active_advisor=member_of(france_active),
        correze=correze,
        correze_advisor=member_of(correze),
    )


def text_of(response):
    """What a person reads on the page."""
    return Page(response.content.decode()).all_text
