"""An inbox to test against: a regional provider (Hauts-de-France) with two instructors, its
aid, and applications of structures in Lille (59) and Amiens (80)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import Label
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import OrganizationMembership
from aidess.territories.models import Commune
from tests.factories import (
    AidFactory,
    ApplicationFactory,
    OrganizationFactory,
    StructureFactory,
    UserFactory,
)

LILLE, AMIENS = "59350", "80021"
# A file as submitted, in the shape of `applications.snapshot.file_snapshot`.
SNAPSHOT = {
    "taken_at": "2026-03-01T10:00:00+00:00",
    "identity": {
        "name": "Recyclerie de Lille",
        "siret": "12345678900011",
        "creation_date": "2012-05-03",
        "is_ess": True,
    },
    "representative": {"name": "Alice Martin", "role": "Présidente", "email": "alice@exemple.fr"},
    "human_means": {"members": 80, "volunteers": 25, "employees": 3, "employees_fte": "2.50"},
    "budgets": {
        "previsionnel": {
            "name": "budget prévisionnel",
            "lines": [
                {
                    "account": "70",
                    "account_label": "Ventes de produits finis, prestations de services",
                    "label": "",
                    "amount": "42000.00",
                },
                {
                    "account": "74",
                    "account_label": "Subventions",
                    "label": "Région",
                    "amount": "8000.00",
                },
            ],
            "totals": {
                "charges": "50000.00",
                "products": "50000.00",
                "result": "0.00",
                "balanced": True,
                "subsidies": {"Région": "8000.00"},
            },
        }
    },
    "agrements": [
        {
            "kind": "esus",
            "label": "Entreprise solidaire d'utilité sociale (ESUS)",
            "number": "ESUS-59-001",
            "granted_on": "2020-01-15",
            "authority": "Préfecture du Nord",
        }
    ],
    "documents": [
        {
            "id": 1,
            "kind": "rib",
            "label": "RIB",
            "name": "rib.pdf",
            "content_type": "application/pdf",
            "size": 2048,
            "valid_until": None,
        }
    ],
}


def structure_in(commune_code, **kwargs):
    return StructureFactory(commune=Commune.objects.get(code=commune_code), **kwargs)


def provider_member(organization, **user_fields):
    user = UserFactory(**user_fields)
    OrganizationMembership.objects.create(user=user, organization=organization)
    return user


@dataclass
class Inbox:
    provider: object
    agent: object
    colleague: object
    aid: object
    applications: dict  # name -> Application


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def inbox(region="32"):
    """The agent's provider covers the region; its aid received five applications."""
    provider = OrganizationFactory(
        name="Région Hauts-de-France",
        kind=OrganizationKind.PROVIDER,
        scope_level=ScopeLevel.REGIONAL,
        regions=[region],
    )
    agent = provider_member(provider, first_name="Inès", last_name="Instructrice")
    colleague = provider_member(provider, first_name="Paul", last_name="Collègue")
    aid = AidFactory(name="Fonds régional ESS", apply_in_aidess=True, providers=[provider])
    lille, amiens = structure_in(LILLE, name="Recyclerie de Lille"), structure_in(AMIENS)
    amiens.name = "Tiers-lieu d'Amiens"
    amiens.save()

    def make(structure, status, amount, days, **kwargs):
        return ApplicationFactory(
            structure=structure,
            aid=aid,
            status=status,
            amount_requested_eur=Decimal(amount),
            submitted_at=days_ago(days),
            **kwargs,
        )

    applications = {
        "new_lille": make(lille, S.SUBMITTED, "5000", 1),
        "new_amiens": make(amiens, S.SUBMITTED, "20000", 3),
        "instructing": make(lille, S.INSTRUCTION, "12000", 10, assigned_to=colleague),
        "correction": make(amiens, S.CORRECTION, "8000", 20),
        "accepted": make(lille, S.ACCEPTED, "15000", 40, amount_granted_eur=Decimal("15000")),
    }
    return Inbox(provider, agent, colleague, aid, applications)


def label(organization, name):
    return Label.objects.create(organization=organization, name=name)
