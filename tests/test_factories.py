"""The factories build what they promise, as the application reads it (not just rows)."""

import datetime
from decimal import Decimal

import pytest

from aidess.eligibility.engine import AidVerdict, Profile, evaluate
from aidess.eligibility.models import criteria_of
from aidess.organizations.enums import OrganizationKind, Role, ScopeLevel
from aidess.organizations.permissions import active_organizations_of
from aidess.structures.permissions import can_change_structure
from tests.factories import (
    AidCriteriaFactory,
    CashflowPlanFactory,
    DiagnosisFactory,
    OrganizationMembershipFactory,
    SharingConsentFactory,
    StructureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


def test_a_default_plan_is_the_example_with_its_3000_50_euro_need_in_march():
    result = CashflowPlanFactory().result()
    assert result.financing_need == Decimal("3000.50")
    assert result.lowest_month == "2026-03"


def test_a_plan_takes_its_own_lines_in_order():
    plan = CashflowPlanFactory(
        receipts={"Dons": ["100", "100", "100"], "Subvention": ["0", "900", "0"]},
        expenses={"Loyer": ["400", "400", "400"]},
    )
    assert [(line.kind, line.label) for line in plan.lines.all()] == [
        ("receipt", "Dons"),
        ("receipt", "Subvention"),
        ("expense", "Loyer"),
    ]
    assert [month.closing_balance for month in plan.result().months] == [
        Decimal("700.00"),
        Decimal("1300.00"),
        Decimal("1000.00"),
    ]


def test_a_membership_gives_the_role_and_territory_asked_for():
    membership = OrganizationMembershipFactory(
        role=Role.WATCH_AGENT, scope=ScopeLevel.REGIONAL, regions=["75"]
    )
    organization = membership.organization
    assert organization.kind == OrganizationKind.WATCH_CELL
    assert organization.role == Role.WATCH_AGENT
    scope = organization.territorial_scope()
    assert scope.covers("75", "23") and not scope.covers("11", "75")
    assert organization in active_organizations_of(membership.user)

    deactivated = OrganizationMembershipFactory(is_active=False)
    assert deactivated.organization not in active_organizations_of(deactivated.user)


def test_a_structure_with_members_and_declared_situations():
    admin, member = UserFactory(), UserFactory()
    structure = StructureFactory(member=admin, members=[member], situations=["cash_shortfall"])
    assert can_change_structure(admin, structure)
    assert set(structure.members.all()) == {admin, member}
    assert list(structure.situations.values_list("situation", flat=True)) == ["cash_shortfall"]
    assert structure.situations_declared_at is not None
    assert StructureFactory().situations_declared_at is None


def test_consents_and_diagnoses_in_both_states():
    assert SharingConsentFactory().is_active
    revoked = SharingConsentFactory(revoked=True)
    assert not revoked.is_active
    assert revoked.organization.kind == OrganizationKind.SUPPORT

    assert DiagnosisFactory().completed_at is None
    finished = DiagnosisFactory(completed=True, answers={"months_covered": "0"})
    assert finished.completed_at is not None and finished.next_step == 5
    finished.complete()
    assert finished.structure.situations.filter(situation="cash_shortfall").exists()


def test_aid_criteria_are_read_by_the_engine():
    stored = AidCriteriaFactory(legal_forms=["cooperative"], aid__name="Aide aux coopératives")
    criteria = criteria_of(stored.aid)
    assert stored.aid.is_national
    for legal_form, verdict in (
        ("association", AidVerdict.INELIGIBLE),
        ("cooperative", AidVerdict.ELIGIBLE),
    ):
        assert evaluate(Profile(legal_form=legal_form), criteria, TODAY).verdict == verdict
