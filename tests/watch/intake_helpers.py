"""Cells, agents and files for the intake tests (tests/watch/test_intake_*.py)."""

import io

from openpyxl import Workbook

from aidess.organizations.enums import Role, ScopeLevel
from aidess.territories.models import Commune
from tests.factories import OrganizationMembershipFactory, StructureFactory

PAU_SIRET = "33836505900017"  # CENTRE SOCIAL 'CAP DE TOUT', Mazères-Lezons (64, region 75)
ANGERS_SIRET = "40046135600133"  # LES RESTAURANTS DU COEUR, Angers (49, region 52)
NOWHERE_SIRET = "11111111800019"  # valid checksum, unknown to Sirene (recorded empty result)


def agent(region=None):
    """A member of a new regional cell of `region`, or of a new national cell."""
    if region is None:
        return OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL)
    return OrganizationMembershipFactory(
        role=Role.WATCH_AGENT, scope=ScopeLevel.REGIONAL, regions=[region]
    )


def regional_membership():
    """A member of the Nouvelle-Aquitaine cell (its `user`, its `organization`)."""
    membership = agent("75")
    membership.organization.name = "Cellule régionale de veille Nouvelle-Aquitaine"
    membership.organization.save()
    return membership


def structure_in_bordeaux():
    return StructureFactory(
        name="Ressourcerie de Bordeaux",
        siret="44444444200016",
        commune=Commune.objects.get(code="33063"),
    )


def csv_bytes(rows, delimiter=";", encoding="utf-8"):
    return "\n".join(delimiter.join(row) for row in rows).encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
