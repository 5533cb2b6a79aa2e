"""What the cash-flow arithmetic accepts, the database stores: SQLite and PostgreSQL alike."""

from decimal import Decimal

import pytest

from aidess.cashflow.arithmetic import MAX_AMOUNT, parse_amount
from aidess.cashflow.models import CashflowPlan
from tests.factories import CashflowPlanFactory

pytestmark = pytest.mark.django_db


def test_the_largest_accepted_amounts_are_stored_and_read_back():
    errors = {}
    largest = parse_amount("999 999 999 999,99", "opening_balance", errors, allow_negative=True)
    assert errors == {}
    for amount in (largest, -largest):
        plan = CashflowPlanFactory(opening_balance=amount, aid_simulation_eur=largest)
        stored = CashflowPlan.objects.get(pk=plan.pk)
        assert (stored.opening_balance, stored.aid_simulation_eur) == (amount, largest)


@pytest.mark.parametrize("name", ["opening_balance", "aid_simulation_eur"])
def test_the_bound_is_the_first_amount_the_column_cannot_hold(name):
    """PostgreSQL refuses 10^(digits − decimals) in a numeric column: the bound, excluded."""
    column = CashflowPlan._meta.get_field(name)
    assert Decimal(10) ** (column.max_digits - column.decimal_places) == MAX_AMOUNT
    errors = {}
    parse_amount(str(MAX_AMOUNT), name, errors)
    assert "trop grand" in errors[name]
