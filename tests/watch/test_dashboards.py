"""A cell's dashboard figures: the national cell sees every region, a regional cell its
departments; only open alerts count in the breakdowns; months without alert show 0."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization, OrganizationMembership
from aidess.territories.models import Commune
from aidess.watch.dashboards import dashboard, months_before
from aidess.watch.enums import AlertCause, AlertSource, AlertStatus, RiskLevel
from aidess.watch.models import Alert
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


def cell(name, level, regions=()):
    organization = Organization.objects.create(
        name=name, kind=OrganizationKind.WATCH_CELL, scope_level=level
    )
    organization.regions.set(regions)
    return organization


def agent(of_cell):
    user = UserFactory()
    OrganizationMembership.objects.create(user=user, organization=of_cell)
    return user


def alert(owner, commune, cause, status=AlertStatus.NEW, jobs="1", amount="1000", **extra):
    structure = StructureFactory(commune=Commune.objects.get(code=commune))
    return Alert.objects.create(
        structure=structure,
        cell=owner,
        cause=cause,
        status=status,
        source=AlertSource.CELL,
        jobs_at_risk_fte=Decimal(jobs),
        amount_at_stake_eur=Decimal(amount),
        **extra,
    )


@pytest.fixture
def cells():
    aquitaine = cell("Cellule Nouvelle-Aquitaine", ScopeLevel.REGIONAL, ["75"])
    hauts = cell("Cellule Hauts-de-France", ScopeLevel.REGIONAL, ["32"])
    national = cell("Cellule nationale", ScopeLevel.NATIONAL)
    alert(aquitaine, "23008", AlertCause.STATE_FUNDING_CUT, jobs="2.5", amount="40000")
    alert(aquitaine, "87085", AlertCause.STATE_FUNDING_CUT, jobs="1", amount="10000")
    alert(aquitaine, "87085", AlertCause.LATE_PUBLIC_PAYMENTS, status=AlertStatus.RESOLVED)
    alert(hauts, "59350", AlertCause.ACTIVITY_LOSS, jobs="4", amount="5000")
    return aquitaine, hauts, national


def by_key(figures):
    return {figure.key: figure for figure in figures}


def test_regional_cell_sees_its_departments_and_open_alerts_only(cells):
    aquitaine, _, _ = cells

    figures = dashboard(agent(aquitaine), today=TODAY)

    assert figures["level"] == "department"
    assert {key: f.alerts for key, f in by_key(figures["by_area"]).items()} == {"23": 1, "87": 1}
    assert by_key(figures["by_area"])["23"].label == "Creuse"
    assert figures["totals"] == {"alerts": 2, "jobs_at_risk": 3.5, "amount_at_stake": 50000}
    causes = by_key(figures["by_cause"])
    assert causes["state_funding_cut"].alerts == 2
    assert "late_public_payments" not in causes  # resolved: not an open alert
    states = by_key(figures["by_state"])
    assert (states["new"].alerts, states["resolved"].alerts) == (2, 1)


def test_national_cell_sees_every_region_and_can_look_into_one(cells):
    _, _, national = cells
    user = agent(national)

    figures = dashboard(user, today=TODAY)
    assert figures["level"] == "region"
    assert {key: f.alerts for key, f in by_key(figures["by_area"]).items()} == {
        "75": 1 + 1,
        "32": 1,
    }

    one_region = dashboard(user, region_code="32", today=TODAY)
    assert one_region["level"] == "department"
    assert [(f.key, f.alerts) for f in one_region["by_area"]] == [("59", 1)]


def test_levels_are_counted_from_the_alerts_copy(cells):
    aquitaine, _, _ = cells
    Alert.objects.filter(department_id="23").update(level=RiskLevel.RED)

    levels = by_key(dashboard(agent(aquitaine), today=TODAY)["by_level"])

    assert (levels["red"].alerts, levels["unknown"].alerts) == (1, 1)


def test_twelve_months_with_empty_ones(cells):
    aquitaine, _, _ = cells
    today = timezone.localdate()
    two_months_ago = months_before(today, 2)
    old = alert(aquitaine, "23008", AlertCause.OTHER)
    old.created_at = timezone.make_aware(
        datetime.datetime.combine(two_months_ago, datetime.time(12))
    )
    old.save()
    ancient = alert(aquitaine, "23008", AlertCause.OTHER)
    ancient.created_at = old.created_at - datetime.timedelta(days=400)
    ancient.save()

    months = dashboard(agent(aquitaine), today=today)["by_month"]

    assert len(months) == 12
    counts = {figure.key: figure.alerts for figure in months}
    assert counts[today.isoformat()[:7]] == 3  # the fixture's, resolved one included
    assert counts[two_months_ago.isoformat()[:7]] == 1
    assert counts[months_before(today, 1).isoformat()[:7]] == 0
    assert sum(counts.values()) == 4  # the one older than 12 months is left out


def test_months_before_crosses_the_year():
    assert months_before(datetime.date(2026, 11, 30), 11) == datetime.date(2025, 12, 1)
    assert months_before(datetime.date(2026, 1, 5), 1) == datetime.date(2025, 12, 1)


def test_nobody_outside_a_cell_sees_a_figure(cells):
    figures = dashboard(UserFactory(), today=TODAY)

    assert figures["totals"]["alerts"] == 0
