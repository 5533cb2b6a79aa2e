"""Budget totals by CERFA 12156 accounts (applications/chart.py, pure Python)."""

from decimal import Decimal

import pytest

from aidess.applications.chart import ACCOUNTS, section_of, totals


def test_charges_and_products_are_summed_by_side():
    result = totals([("60", "1000.50"), ("64", 20000), ("70", 5000), ("74", 16000.5, "Ville")])

    assert result.charges == Decimal("21000.50")
    assert result.products == Decimal("21000.5")
    assert result.result == 0
    assert result.is_balanced


def test_subsidies_are_split_by_funder_and_unnamed_ones_grouped():
    result = totals(
        [
            ("74", 10000, "Ville de Paris"),
            ("74", 5000, " Ville de Paris "),
            ("74", 300, ""),
            ("74", 200),
        ]
    )

    assert result.subsidies == {
        "Ville de Paris": Decimal(15000),
        "Financeur non précisé": Decimal(500),
    }
    assert result.by_account == {"74": Decimal(15500)}


def test_an_unbalanced_forecast_is_reported_with_its_result():
    result = totals([("64", 30000), ("74", 25000, "Région")])

    assert not result.is_balanced
    assert result.result == Decimal(-5000)


def test_voluntary_contributions_are_apart_and_must_match_each_other():
    balanced = totals([("60", 100), ("70", 100), ("86", 900), ("87", 900)])
    unequal = totals([("60", 100), ("70", 100), ("86", 900), ("87", 800)])

    assert (balanced.charges, balanced.products) == (100, 100)
    assert (balanced.contributions_used, balanced.contributions_given) == (900, 900)
    assert balanced.is_balanced
    assert not unequal.is_balanced


def test_an_empty_budget_is_empty_and_balanced():
    result = totals([])

    assert result.is_empty
    assert result.charges == result.products == 0


def test_every_account_has_its_side():
    sides = {code: section_of(code) for code in ACCOUNTS}

    assert {code for code, side in sides.items() if side == "charges"} == {
        "60", "61", "62", "63", "64", "65", "66", "67", "68"
    }  # fmt: skip
    assert sides["74"] == "produits" and sides["78"] == "produits"
    assert sides["86"] == "emplois_contributions" and sides["87"] == "contributions"
    with pytest.raises(ValueError):
        section_of("99")
