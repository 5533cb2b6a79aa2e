"""Support offers of the Creuse and of the whole country, made in each test."""

import pytest

from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.orientation.models import SupportOffer
from aidess.territories.models import Commune
from tests.factories import OrganizationFactory, StructureFactory
from tests.html import Page

AUBUSSON = "23008"


def offer(name, scheme, needs, zone_kind, zone_codes=(), *, scope=ScopeLevel.DEPARTMENTAL):
    """An active support organisation `name` offering the catalog scheme `scheme`."""
    organization = OrganizationFactory(name=name, kind=OrganizationKind.SUPPORT, scope_level=scope)
    return SupportOffer.objects.create(
        organization=organization,
        scheme=Aid.objects.get(slug=scheme),
        needs=list(needs),
        zone_kind=zone_kind,
        zone_codes=list(zone_codes),
    )


@pytest.fixture
def network():
    return support_network()


@pytest.fixture
def theatre():
    return aubusson_theatre()


def support_network():
    """The Creuse's DLA, the regional DLA and France Active of Nouvelle-Aquitaine, SOS
    Employeurs ESS, Guid'Asso and the Médiateur (national offers)."""
    return {
        "dla23": offer("DLA de la Creuse", "dla", ["advice", "employment"], "department", ["23"]),
        "dla75": offer(
            "DLA régional Nouvelle-Aquitaine", "dla", ["advice", "employment"], "region", ["75"]
        ),
        "france_active": offer(
            "France Active Nouvelle-Aquitaine",
            "france-active-accompagnement",
            ["advice", "restructuring"],
            "region",
            ["75"],
        ),
        "sos": offer(
            "SOS Employeurs ESS", "sos-employeurs-ess", ["advice", "employment"], "national"
        ),
        "guid_asso": offer("Guid'Asso", "guid-asso", ["advice"], "national"),
        "mediateur": offer(
            "Médiateur des entreprises",
            "mediateur-des-entreprises",
            ["payment_dispute"],
            "national",
        ),
    }


def aubusson_theatre():
    """An employer theatre association of Aubusson (Creuse), in the ESS."""
    return StructureFactory(
        name="Compagnie des Lucioles",
        commune=Commune.objects.get(code=AUBUSSON),
        employees_fte=3,
        annual_budget_eur=120_000,
    )


def text_of(response):
    """The page's text as a reader sees it (spaces squashed)."""
    return Page(response.content.decode()).all_text
