"""Properties of the arithmetic over generated plans, against an independent count in cents."""

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from aidess.cashflow.arithmetic import compute, result_as_json
from aidess.cashflow.schemas import CashflowPlan

CENTS = st.integers(min_value=0, max_value=5_000_000_00)
MONEY_TEXT = re.compile(r"^-?\d+\.\d{2}$")


def text(cents):
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


@st.composite
def plans(draw):
    """A plan as JSON, and its receipts/expenses in integer cents, month by month."""
    months = draw(st.integers(min_value=1, max_value=24))
    kinds = draw(st.lists(st.sampled_from(["receipts", "expenses"]), min_size=1, max_size=5))
    opening = draw(st.integers(min_value=-2_000_000_00, max_value=2_000_000_00))
    data = {
        "start": f"{draw(st.integers(2000, 2099))}-{draw(st.integers(1, 12)):02d}",
        "opening_balance": text(opening),
        "receipts": [],
        "expenses": [],
    }
    cents = {"receipts": [0] * months, "expenses": [0] * months}
    for number, kind in enumerate(kinds):
        amounts = draw(st.lists(CENTS, min_size=months, max_size=months))
        # Amounts come as text, or as JSON numbers when whole euros.
        written = [a // 100 if a % 100 == 0 and draw(st.booleans()) else text(a) for a in amounts]
        data[kind].append({"label": f"Ligne {number}", "amounts": written})
        cents[kind] = [total + a for total, a in zip(cents[kind], amounts, strict=True)]
    return data, opening, cents


def parse_plan(data):
    return CashflowPlan.model_validate(data).to_plan()


def closing_cents(opening, cents, top_up=0):
    balance, closings = opening + top_up, []
    for receipts, expenses in zip(cents["receipts"], cents["expenses"], strict=True):
        balance += receipts - expenses
        closings.append(balance)
    return closings


@settings(max_examples=150, deadline=None)
@given(plans())
def test_closing_balance_is_opening_plus_the_nets_so_far(case):
    data, opening, cents = case
    result = result_as_json(compute(parse_plan(data)))

    expected = closing_cents(opening, cents)
    assert [month["closing_balance"] for month in result["months"]] == [text(c) for c in expected]
    assert [month["receipts"] for month in result["months"]] == [text(c) for c in cents["receipts"]]
    assert [month["expenses"] for month in result["months"]] == [text(c) for c in cents["expenses"]]
    assert [month["net"] for month in result["months"]] == [
        text(r - e) for r, e in zip(cents["receipts"], cents["expenses"], strict=True)
    ]
    assert result["lowest_balance"] == text(min(expected))
    assert result["lowest_month"] == result["months"][expected.index(min(expected))]["month"]


@settings(max_examples=150, deadline=None)
@given(plans())
def test_need_is_the_smallest_top_up_keeping_every_balance_positive(case):
    data, _, _ = case
    plan = parse_plan(data)
    need = compute(plan).financing_need

    assert need >= 0
    assert all(m.closing_balance >= 0 for m in compute(plan, top_up=need).months)
    if need > 0:
        short = compute(plan, top_up=need - Decimal("0.01"))
        assert any(m.closing_balance < 0 for m in short.months)
        assert short.financing_need == Decimal("0.01")
    assert compute(plan, top_up=need).financing_need == 0


@settings(max_examples=100, deadline=None)
@given(plans(), st.integers(min_value=0, max_value=10_000_000_00))
def test_no_float_anywhere_every_figure_is_decimal_in_cents(case, top_up):
    data, opening, cents = case
    result = compute(parse_plan(data), top_up=Decimal(text(top_up)))

    figures = [result.lowest_balance, result.financing_need]
    for month in result.months:
        figures += [month.receipts, month.expenses, month.net, month.closing_balance]
    for figure in figures:
        assert type(figure) is Decimal
        assert figure.as_tuple().exponent == -2, figure
    assert [m.closing_balance for m in result.months] == [
        Decimal(text(c)) for c in closing_cents(opening, cents, top_up)
    ]
    as_json = result_as_json(result)
    texts = [as_json["lowest_balance"], as_json["financing_need"]]
    texts += [month[key] for month in as_json["months"] for key in ("receipts", "net")]
    assert all(isinstance(t, str) and MONEY_TEXT.match(t) for t in texts), texts
