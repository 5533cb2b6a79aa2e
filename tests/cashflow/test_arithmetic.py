"""Month-by-month cash-flow arithmetic, checked on examples computed by hand (pure, no database)."""

from decimal import Decimal

import pydantic
import pytest

from aidess.cashflow.arithmetic import (
    Line,
    Plan,
    PlanError,
    Result,
    compute,
    month_label,
    result_as_json,
)
from aidess.cashflow.schemas import CashflowPlan
from aidess.core.api import details_of
from tests.cashflow.example import EXAMPLE, EXAMPLE_RESULT


def parse_plan(data):
    """A plan sent as JSON, read as the API reads it."""
    return CashflowPlan.model_validate(data).to_plan()


def rows(result):
    return [
        (m.label, str(m.receipts), str(m.expenses), str(m.net), str(m.closing_balance))
        for m in result.months
    ]


def plan(start=(2026, 1), opening="0", receipts=(), expenses=()):
    def lines(items):
        return tuple(Line(label, tuple(Decimal(a) for a in amounts)) for label, amounts in items)

    return Plan(*start, Decimal(opening), lines(receipts), lines(expenses))


def test_issue_example_month_by_month():
    result = compute(parse_plan(EXAMPLE))

    assert rows(result) == [
        ("2026-01", "3000.00", "5000.00", "-2000.00", "-1000.00"),
        ("2026-02", "4000.00", "3500.00", "500.00", "-500.00"),
        ("2026-03", "2000.00", "4500.50", "-2500.50", "-3000.50"),
    ]
    assert (str(result.lowest_balance), result.lowest_month) == ("-3000.50", "2026-03")
    assert str(result.financing_need) == "3000.50"
    assert result_as_json(result) == EXAMPLE_RESULT


def test_several_lines_of_a_kind_add_up():
    result = compute(
        plan(
            opening="250.00",
            receipts=[("Ventes", ["100.10", "0"]), ("Subvention", ["900.90", "50"])],
            expenses=[("Loyer", ["400", "400"]), ("Salaires", ["1200.00", "0.01"])],
        )
    )

    assert rows(result) == [
        ("2026-01", "1001.00", "1600.00", "-599.00", "-349.00"),
        ("2026-02", "50.00", "400.01", "-350.01", "-699.01"),
    ]
    assert str(result.financing_need) == "699.01"


def test_plan_that_never_goes_negative_needs_nothing():
    result = compute(
        plan(
            opening="500",
            receipts=[("Ventes", ["1000", "0", "200"])],
            expenses=[("Loyer", ["600", "900", "0"])],
        )
    )

    assert [str(m.closing_balance) for m in result.months] == ["900.00", "0.00", "200.00"]
    assert (str(result.lowest_balance), result.lowest_month) == ("0.00", "2026-02")
    assert str(result.financing_need) == "0.00"


def test_negative_opening_balance_alone_is_the_need():
    result = compute(plan(opening="-1500.25", receipts=[("Ventes", ["0", "0"])]))

    assert str(result.financing_need) == "1500.25"
    assert result.lowest_month == "2026-01", "the first of equal lows is the month named"


def test_months_run_across_the_year_boundary():
    result = compute(plan(start=(2026, 11), expenses=[("Loyer", ["1", "2", "3"])]))

    assert [m.label for m in result.months] == ["2026-11", "2026-12", "2027-01"]
    assert month_label(2026, 12) == "2026-12"
    assert month_label(2026, 12, 1) == "2027-01"
    assert month_label(2026, 1, 23) == "2027-12"
    assert month_label(2026, 1, 24) == "2028-01"


def test_an_aid_received_before_the_first_month_shifts_every_balance():
    example = parse_plan(EXAMPLE)
    without = compute(example)

    with_5000 = compute(example, top_up=Decimal("5000"))
    assert [str(m.closing_balance) for m in with_5000.months] == ["4000.00", "4500.00", "1999.50"]
    assert str(with_5000.financing_need) == "0.00"
    assert [m.net for m in with_5000.months] == [m.net for m in without.months]

    with_2000 = compute(example, top_up=Decimal("2000.00"))
    assert str(with_2000.lowest_balance) == "-1000.50"
    assert str(with_2000.financing_need) == "1000.50", "the remaining need"


def test_french_ways_of_typing_amounts_are_read():
    data = {
        "start": "2026-01",
        "opening_balance": "1 000,00",
        "receipts": [{"label": "Ventes", "amounts": [3000, "4\u202f000", "2000,0"]}],
        "expenses": [{"label": "Salaires", "amounts": [5000, 3500, 4500.5]}],
    }
    assert result_as_json(compute(parse_plan(data))) == EXAMPLE_RESULT


def test_missing_opening_balance_is_zero_and_missing_label_is_numbered():
    parsed = parse_plan({"start": "2026-01", "receipts": [{"amounts": ["10"]}]})
    assert parsed.opening_balance == Decimal("0")
    assert parsed.receipts[0].label == "Ligne 1"
    assert parsed.expenses == ()


def test_a_plan_of_expenses_only_needs_no_receipts():
    parsed = parse_plan({"start": "2026-01", "expenses": [{"label": "Loyer", "amounts": ["10"]}]})
    assert parsed.receipts == ()
    assert str(compute(parsed).financing_need) == "10.00"


def test_labels_are_kept_trimmed_and_cut_at_120_characters():
    long_label = "Subvention " + "x" * 130
    parsed = parse_plan(
        with_changes(
            receipts=[{"label": "  Ventes ", "amounts": ["1", "2", "3"]}],
            expenses=[{"label": long_label, "amounts": ["1", "2", "3"]}],
        )
    )
    assert parsed.receipts[0].label == "Ventes"
    assert parsed.expenses[0].label == long_label[:120]


def test_a_plan_may_last_24_months():
    parsed = parse_plan(with_changes(receipts=receipts(*["1"] * 24), expenses=[]))
    assert compute(parsed).months[-1].label == "2027-12"


def test_a_plan_without_any_month_has_its_opening_balance_as_need():
    assert compute(Plan(2026, 1, Decimal("-5.00"))) == Result(
        (), Decimal("-5.00"), "", Decimal("5.00")
    )
    assert compute(Plan(2026, 1, Decimal("5.00"))).financing_need == Decimal("0.00")


def errors_of(data):
    with pytest.raises(pydantic.ValidationError) as raised:
        parse_plan(data)
    return details_of(raised.value.errors(), CashflowPlan.not_an_object)


def with_changes(**changes):
    return {**EXAMPLE, **changes}


def receipts(*amounts):
    return [{"label": "Ventes", "amounts": list(amounts)}]


AMOUNT = "Montant attendu (nombre ou texte comme « 1250.50 »)."


@pytest.mark.parametrize(
    ("data", "place", "message"),
    [
        (with_changes(receipts=receipts("3000", "abc", "2000")), "receipts[0].amounts[1]", "« abc » n'est pas un montant."),
        (with_changes(receipts=receipts("3000", "", "2000")), "receipts[0].amounts[1]", "«  » n'est pas un montant."),
        (with_changes(receipts=receipts("NaN", "1", "2")), "receipts[0].amounts[0]", "« NaN » n'est pas un montant."),
        (with_changes(receipts=receipts("Infinity", "1", "2")), "receipts[0].amounts[0]", "« Infinity » n'est pas un montant."),
        (with_changes(receipts=receipts("3000", "4000", "12.345")), "receipts[0].amounts[2]", "« 12.345 » a plus de 2 décimales."),
        (with_changes(receipts=receipts("3000", 0.125, "1")), "receipts[0].amounts[1]", "« 0.125 » a plus de 2 décimales."),
        (with_changes(receipts=receipts("3000", "-4000", "2000")), "receipts[0].amounts[1]", "Montant négatif : saisissez-le en positif, la ligne donne le sens."),
        (with_changes(expenses=[{"label": "Salaires", "amounts": [-1, 0, 0]}]), "expenses[0].amounts[0]", "Montant négatif : saisissez-le en positif, la ligne donne le sens."),
        (with_changes(receipts=receipts(True, "1", "2")), "receipts[0].amounts[0]", AMOUNT),
        (with_changes(receipts=receipts(None, "1", "2")), "receipts[0].amounts[0]", AMOUNT),
        (with_changes(receipts=receipts({"montant": 1}, "1", "2")), "receipts[0].amounts[0]", AMOUNT),
        (with_changes(receipts=receipts(["1"], "1", "2")), "receipts[0].amounts[0]", AMOUNT),
        (with_changes(opening_balance=None), "opening_balance", AMOUNT),
        (with_changes(opening_balance=False), "opening_balance", AMOUNT),
        (with_changes(opening_balance="mille"), "opening_balance", "« mille » n'est pas un montant."),
        (with_changes(receipts={"label": "Ventes"}), "receipts", "Liste de lignes attendue."),
        (with_changes(expenses=None), "expenses", "Liste de lignes attendue."),
        (with_changes(receipts=["Ventes"]), "receipts[0]", "Chaque ligne a un libellé (label) et une liste de montants (amounts)."),
        (with_changes(receipts=[{"label": "Ventes", "amounts": "3000"}]), "receipts[0]", "Chaque ligne a un libellé (label) et une liste de montants (amounts)."),
        (with_changes(receipts=receipts(), expenses=[{"label": "Salaires", "amounts": []}]), "amounts", "Le plan compte au moins un mois et une ligne."),
        (with_changes(receipts=[], expenses=[]), "amounts", "Le plan compte au moins un mois et une ligne."),
        (with_changes(receipts=receipts(*["1"] * 25), expenses=[]), "amounts", "Le plan compte au plus 24 mois."),
        (with_changes(receipts=receipts("1", "2")), "amounts", "Toutes les lignes doivent avoir le même nombre de mois."),
        (with_changes(start="2026-13"), "start", "Mois de départ « 2026-13 » invalide (format AAAA-MM, ex. 2026-01)."),
        (with_changes(start="2026-00"), "start", "Mois de départ « 2026-00 » invalide (format AAAA-MM, ex. 2026-01)."),
        (with_changes(start="janvier"), "start", "Mois de départ « janvier » invalide (format AAAA-MM, ex. 2026-01)."),
        (with_changes(start="01-2026"), "start", "Mois de départ « 01-2026 » invalide (format AAAA-MM, ex. 2026-01)."),
        (with_changes(start="2026-01-15"), "start", "Mois de départ « 2026-01-15 » invalide (format AAAA-MM, ex. 2026-01)."),
        (with_changes(start=202601), "start", "Mois de départ « 202601 » invalide (format AAAA-MM, ex. 2026-01)."),
        ({key: value for key, value in EXAMPLE.items() if key != "start"}, "start", "Champ obligatoire."),
        (with_changes(currency="EUR"), "currency", "Champ inconnu."),
    ],
)  # fmt: skip
def test_bad_plan_is_refused_with_a_french_message_at_its_place(data, place, message):
    assert errors_of(data)[place] == message


@pytest.mark.parametrize("body", [None, [], "plan", 3, True])
def test_plan_must_be_a_json_object(body):
    assert errors_of(body) == {"body": "Objet JSON attendu."}


def test_every_problem_is_listed_at_once():
    errors = errors_of(
        {
            "start": "janvier",
            "opening_balance": "1000",
            "receipts": [{"label": "Ventes", "amounts": ["abc", "-1", "2.001"]}],
            "expenses": [{"label": "Salaires", "amounts": ["1", "2", "3"]}],
            "devise": "EUR",
        }
    )
    assert set(errors) == {
        "start",
        "receipts[0].amounts[0]",
        "receipts[0].amounts[1]",
        "receipts[0].amounts[2]",
        "devise",
    }
    assert str(PlanError({"start": "Mois invalide.", "devise": "Champ inconnu."})) == (
        "start : Mois invalide.; devise : Champ inconnu."
    )


def test_amounts_too_large_to_be_real_are_refused_not_crashed_on():
    errors = errors_of(
        with_changes(opening_balance="1e30", receipts=receipts(10**30, "1", "1e999999"))
    )
    assert set(errors) == {"opening_balance", "receipts[0].amounts[0]", "receipts[0].amounts[2]"}
    assert all("trop grand" in message for message in errors.values())
    # The largest amount a plan may hold is accepted.
    assert parse_plan(with_changes(opening_balance="-999999999999.99")).opening_balance == Decimal(
        "-999999999999.99"
    )


@pytest.mark.parametrize("amount", ["1000000000000", "1 000 000 000 000,00", "-1000000000000"])
def test_one_thousand_billion_is_the_first_amount_refused(amount):
    assert errors_of(with_changes(opening_balance=amount)) == {
        "opening_balance": f"« {amount} » est trop grand (moins de 1 000 milliards d'euros)."
    }
    largest = parse_plan(with_changes(receipts=receipts("999 999 999 999,99", "0", "0")))
    assert largest.receipts[0].amounts[0] == Decimal("999999999999.99")


def test_every_malformed_line_is_reported_not_only_the_first():
    errors = errors_of(
        with_changes(
            receipts=[
                "Ventes",
                {"label": "Dons", "amounts": "100"},
                {"label": "Subvention", "amounts": ["abc", "1", "2"]},
            ],
            expenses=[{"label": "Loyer"}, {"label": "Salaires", "amounts": ["1", "-2", "3"]}],
        )
    )
    assert set(errors) == {
        "receipts[0]",
        "receipts[1]",
        "receipts[2].amounts[0]",
        "expenses[0]",
        "expenses[1].amounts[1]",
    }


def test_a_saved_plan_without_lines_still_has_its_months():
    result = compute(Plan(2026, 1, Decimal("-10.00"), (), (), months=3))
    assert rows(result) == [
        ("2026-01", "0.00", "0.00", "0.00", "-10.00"),
        ("2026-02", "0.00", "0.00", "0.00", "-10.00"),
        ("2026-03", "0.00", "0.00", "0.00", "-10.00"),
    ]
    assert str(result.financing_need) == "10.00"
