"""The level kept per structure follows what changes: an alert reporting a procedure, a
partner's social-debt figure, a new cash-flow plan of a structure the watch knows; and it is
copied on the structure's alerts, which lists and dashboards count by."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.watch.enums import AlertCause, AlertSource, AlertStatus, IndicatorKind
from aidess.watch.knowledge import refresh_risk
from aidess.watch.models import Alert, ImportBatch, Indicator, StructureRisk
from tests.factories import CashflowPlanFactory, StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell():
    return Organization.objects.create(
        name="Cellule", kind=OrganizationKind.WATCH_CELL, scope_level=ScopeLevel.NATIONAL
    )


def procedure_alert(cell, structure, procedure, status=AlertStatus.NEW):
    return Alert.objects.create(
        structure=structure,
        cell=cell,
        cause=AlertCause.COLLECTIVE_PROCEDURE,
        collective_procedure=procedure,
        source=AlertSource.BODACC,
        status=status,
    )


def test_a_receivership_reported_by_an_alert_makes_the_structure_red(cell):
    structure = StructureFactory()
    alert = procedure_alert(cell, structure, "receivership")

    assessment = refresh_risk(structure)

    assert assessment.level == "red"
    assert StructureRisk.objects.get(structure=structure).level == "red"
    alert.refresh_from_db()
    assert alert.level == "red"
    stored = StructureRisk.objects.get(structure=structure).factors
    assert stored[0]["reason"] == "Une procédure de redressement judiciaire est ouverte."


def test_a_liquidation_closes_it_and_a_resolved_alert_no_longer_counts(cell):
    structure = StructureFactory()
    procedure_alert(cell, structure, "safeguard")
    procedure_alert(cell, structure, "liquidation", status=AlertStatus.RESOLVED)
    assert refresh_risk(structure).level == "red"

    procedure_alert(cell, structure, "liquidation")
    assert refresh_risk(structure).level == "closed"


def test_the_latest_social_debt_of_a_partner_file_counts(cell):
    structure = StructureFactory()
    batch = ImportBatch.objects.create(
        cell=cell, kind="indicators", partner="URSSAF", file_name="dettes.csv", file_sha256="0"
    )
    for months, day in (("4", 1), ("1", 20)):
        Indicator.objects.create(
            structure=structure,
            kind=IndicatorKind.SOCIAL_DEBT_MONTHS,
            value=Decimal(months),
            observed_on=datetime.date(2026, 10, day),
            batch=batch,
            row_number=day,
        )

    codes = {factor.code for factor in refresh_risk(structure).factors}

    assert "social_debts" in codes  # 1 month, the latest: medium
    assert "social_debts_3_months" not in codes


def test_saving_an_alert_refreshes_the_level_once_committed(
    cell, django_capture_on_commit_callbacks
):
    structure = StructureFactory()
    with django_capture_on_commit_callbacks(execute=True):
        procedure_alert(cell, structure, "safeguard")

    assert StructureRisk.objects.get(structure=structure).level == "red"


def test_a_new_plan_refreshes_only_structures_the_watch_knows(
    cell, django_capture_on_commit_callbacks
):
    known, unknown = StructureFactory(), StructureFactory()
    StructureRisk.objects.create(structure=known, level="unknown", computed_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        CashflowPlanFactory(structure=known)  # January closes below zero
        CashflowPlanFactory(structure=unknown)

    assert StructureRisk.objects.get(structure=known).level == "red"
    assert not StructureRisk.objects.filter(structure=unknown).exists()
