"""The chart's amount axis: round steps that cover every balance, zero always drawn."""

from decimal import Decimal

import pytest

from aidess.cashflow.chart import axis_values


@pytest.mark.parametrize(
    ("low", "high", "axis"),
    [
        ("0", "0", [0, 500, 1000]),  # an empty plan still gets a readable axis
        ("12500", "45200.75", [0, 20000, 40000, 60000]),
        ("-346000", "-47500", [-400000, -300000, -200000, -100000, 0]),
        ("-800", "1200", [-1000, -500, 0, 500, 1000, 1500]),
        ("-3000.50", "-500", [-4000, -3000, -2000, -1000, 0]),
        ("0.40", "0.90", [0, "0.5", 1]),
    ],
)
def test_axis_values_are_round_and_cover_the_balances(low, high, axis):
    assert axis_values(Decimal(low), Decimal(high)) == [Decimal(str(value)) for value in axis]
