"""The issue's example plan, in every form the tests need, and people around a structure."""

import datetime
from decimal import Decimal

from aidess.cashflow.models import CashflowLine, CashflowPlan
from aidess.diagnosis.models import SharingConsent
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from tests.cashflow.example import EXAMPLE, EXAMPLE_RESULT  # noqa: F401 (re-exported)
from tests.factories import partner


def example_plan(structure, title="Plan 2026"):
    """The example saved for a structure: need 3 000,50 € in 2026-03."""
    plan = CashflowPlan.objects.create(
        structure=structure,
        title=title,
        start=datetime.date(2026, 1, 1),
        months=3,
        opening_balance=Decimal("1000.00"),
    )
    CashflowLine.objects.create(
        plan=plan, kind="receipt", category="sales", label="Ventes", position=0,
        amounts=["3000.00", "4000.00", "2000.00"],
    )  # fmt: skip
    CashflowLine.objects.create(
        plan=plan, kind="expense", category="salaries", label="Salaires", position=1,
        amounts=["5000.00", "3500.00", "4500.50"],
    )  # fmt: skip
    return plan


def plan_lines(plan):
    """A plan as a person reads it: (kind, label, amounts) in order."""
    return [(line.kind, line.label, line.amounts) for line in plan.lines.order_by("position")]


def advisor(departments=("75",)):
    """A member of a new support organisation (Paris unless told: not the structure's territory)."""
    user = partner(OrganizationKind.SUPPORT, ScopeLevel.DEPARTMENTAL, departments=departments)
    return user, user.organization_memberships.get().organization


def shared_with(structure, organization):
    return SharingConsent.objects.create(structure=structure, organization=organization)
