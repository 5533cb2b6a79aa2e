"""The risk scorecard's rules case by case (issue 15, docs/RISK.md): each factor alone at its
threshold and just past it, each level combination, the sentences a cell agent reads."""

from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aidess.cashflow.arithmetic import Line, Plan, compute
from aidess.nomenclatures.vocabulary import SITUATIONS
from aidess.watch.risk import (
    PROCEDURES,
    SEVERITIES,
    Assessment,
    Factor,
    RiskInputs,
    assess,
    cash_runway,
)


def factors(**inputs):
    """(code, effect, weight) of each factor the inputs raise."""
    return [(f.code, f.effect, f.weight) for f in assess(RiskInputs(**inputs)).factors]


def level(**inputs):
    return assess(RiskInputs(**inputs)).level


def reasons(**inputs):
    return [f.reason for f in assess(RiskInputs(**inputs)).factors]


@pytest.mark.parametrize(
    ("runway", "expected"),
    [
        (0, [("cash_under_1_month", "concerning", "critical")]),
        (Decimal("0.99"), [("cash_under_1_month", "concerning", "critical")]),
        (1, [("cash_under_3_months", "concerning", "high")]),
        (Decimal("2.99"), [("cash_under_3_months", "concerning", "high")]),
        (3, []),  # lasts 3 full months: not "within 3 months"
        (6, []),  # exactly 6: not "more than 6"
        (Decimal("6.01"), [("cash_over_6_months", "reassuring", "low")]),
        (24, [("cash_over_6_months", "reassuring", "low")]),
    ],
)
def test_cash_runway_thresholds(runway, expected):
    assert factors(cash_runway_months=runway) == expected


def test_a_plan_ending_with_cash_left_reassures_only_when_it_covers_six_months_or_more():
    assert factors(cash_runway_months=6, cash_lasts_beyond=True) == [
        ("cash_over_6_months", "reassuring", "low")
    ]
    assert reasons(cash_runway_months=12, cash_lasts_beyond=True) == [
        "La trésorerie couvre plus de 6 mois (solde positif sur les 12 mois du plan de trésorerie)."
    ]
    # more than 2 or 5 months: not short of cash, but not known to cover six months either
    assert factors(cash_runway_months=2, cash_lasts_beyond=True) == []
    assert factors(cash_runway_months=5, cash_lasts_beyond=True) == []
    assert level(cash_runway_months=2, cash_lasts_beyond=True) == "green"


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (Decimal("0.5"), [("public_funding_cut_major", "concerning", "high")]),
        (1, [("public_funding_cut_major", "concerning", "high")]),
        (Decimal("0.4999"), [("public_funding_cut", "concerning", "medium")]),
        (Decimal("0.3"), [("public_funding_cut", "concerning", "medium")]),
        (
            Decimal("0.2999"),
            [
                ("public_funding_cut", "concerning", "medium"),
                ("diversified_funding", "reassuring", "low"),
            ],
        ),
        (None, [("public_funding_cut", "concerning", "medium")]),
    ],
)
def test_a_public_funding_cut_weighs_by_the_share_of_public_funding(share, expected):
    assert factors(public_funding_share=share, situations={"public_funding_cut"}) == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (0, [("diversified_funding", "reassuring", "low")]),
        (Decimal("0.2999"), [("diversified_funding", "reassuring", "low")]),
        (Decimal("0.3"), []),
        (Decimal("0.9"), []),  # a high share without a cut is not a factor
    ],
)
def test_diversified_funding_is_under_thirty_percent_public(share, expected):
    assert factors(public_funding_share=share) == expected


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (0, [("no_debt_declared", "reassuring", "low")]),
        (Decimal("0.01"), [("social_debts", "concerning", "medium")]),
        (Decimal("2.99"), [("social_debts", "concerning", "medium")]),
        (3, [("social_debts_3_months", "concerning", "high")]),
        (12, [("social_debts_3_months", "concerning", "high")]),
    ],
)
def test_social_debts_thresholds(months, expected):
    assert factors(social_debt_months=months) == expected


@pytest.mark.parametrize(
    ("procedure", "expected"),
    [
        ("none", []),
        ("safeguard", [("collective_procedure", "concerning", "critical")]),
        ("receivership", [("collective_procedure", "concerning", "critical")]),
        ("liquidation", [("liquidation", "concerning", "critical")]),
    ],
)
def test_collective_procedures(procedure, expected):
    assert factors(collective_procedure=procedure) == expected


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        ("low", []),
        ("moderate", []),
        ("high", [("diagnosis_high", "concerning", "medium")]),
        ("critical", [("diagnosis_critical", "concerning", "high")]),
    ],
)
def test_latest_self_diagnosis(severity, expected):
    assert factors(diagnosis_severity=severity) == expected


@pytest.mark.parametrize(
    ("situations", "expected"),
    [
        ({"late_payments"}, [("late_public_payments", "concerning", "medium")]),
        ({"activity_reduced"}, [("activity_reduced", "concerning", "medium")]),
        ({"activity_stopped"}, [("activity_stopped", "concerning", "medium")]),
        # one rule, "activity reduced or stopped": one factor, the worse said
        ({"activity_stopped", "activity_reduced"}, [("activity_stopped", "concerning", "medium")]),
        ({"revenue_loss", "cash_shortfall", "dispute", "volunteer_demobilisation"}, []),
        (set(), []),
    ],
)
def test_declared_situations(situations, expected):
    assert factors(situations=situations) == expected


# Levels ---------------------------------------------------------------------------------------


def test_one_critical_factor_is_red():
    assert level(cash_runway_months=0) == "red"
    assert level(collective_procedure="safeguard", public_funding_share=Decimal("0.1")) == "red"


def test_two_high_factors_are_red():
    assert level(cash_runway_months=2, social_debt_months=3) == "red"
    assert level(diagnosis_severity="critical", situations={"public_funding_cut"},
                 public_funding_share=Decimal("0.7")) == "red"  # fmt: skip


def test_one_high_factor_is_orange():
    assert level(social_debt_months=3) == "orange"
    assert level(cash_runway_months=1, situations={"late_payments"}) == "orange"


def test_two_medium_factors_are_orange():
    assert level(situations={"late_payments", "activity_reduced"}) == "orange"
    assert level(diagnosis_severity="high", social_debt_months=1) == "orange"


def test_one_medium_factor_is_green():
    assert level(situations={"late_payments"}) == "green"


def test_reassuring_factors_do_not_offset_concerning_ones():
    assert level(cash_runway_months=12, public_funding_share=0, social_debt_months=0,
                 collective_procedure="receivership") == "red"  # fmt: skip


def test_reassuring_only_is_green():
    assert level(cash_runway_months=8, public_funding_share=Decimal("0.1")) == "green"


def test_known_inputs_raising_no_factor_are_green():
    assert level(collective_procedure="none") == "green"
    assert level(diagnosis_severity="low") == "green"
    assert level(situations=set()) == "green"  # declared: no difficulty


def test_nothing_known_is_unknown():
    assert assess(RiskInputs()) == Assessment("unknown", ())


def test_a_liquidation_is_closed_whatever_else_is_known():
    assert level(collective_procedure="liquidation") == "closed"
    assert level(collective_procedure="liquidation", cash_runway_months=0,
                 social_debt_months=9) == "closed"  # fmt: skip
    assert level(collective_procedure="liquidation", cash_runway_months=12) == "closed"


# Sentences and order --------------------------------------------------------------------------


def test_every_sentence_says_the_figure_it_read_in_french():
    assert reasons(cash_runway_months=Decimal("0.5")) == [
        "La trésorerie est épuisée dans moins d'un mois (0,5 mois)."
    ]
    assert reasons(cash_runway_months=Decimal("2.25")) == [
        "La trésorerie est épuisée dans moins de 3 mois (2,25 mois)."
    ]
    assert reasons(cash_runway_months=Decimal("7.50")) == [
        "La trésorerie couvre plus de 6 mois (7,5 mois)."
    ]
    assert reasons(public_funding_share=Decimal("0.4"), situations={"public_funding_cut"}) == [
        "Un financement public baisse ou disparaît ; les financements publics font 40\u00a0% "
        "des ressources (moins de 50\u00a0%)."
    ]
    assert reasons(public_funding_share=Decimal("0.125")) == [
        "Les financements sont diversifiés : les financements publics font 12,5\u00a0% des "
        "ressources (moins de 30\u00a0%)."
    ]
    assert reasons(situations={"public_funding_cut"}) == [
        "Un financement public baisse ou disparaît (part des financements publics inconnue)."
    ]
    assert reasons(social_debt_months=4) == [
        "Les dettes sociales ou fiscales atteignent 4 mois (3 mois ou plus)."
    ]
    assert reasons(social_debt_months=Decimal("1.5")) == [
        "Les dettes sociales ou fiscales atteignent 1,5 mois (moins de 3 mois)."
    ]
    assert reasons(social_debt_months=0) == ["Aucune dette sociale ou fiscale n'est déclarée."]
    assert reasons(collective_procedure="safeguard") == ["Une procédure de sauvegarde est ouverte."]
    assert reasons(collective_procedure="receivership") == [
        "Une procédure de redressement judiciaire est ouverte."
    ]
    assert reasons(collective_procedure="liquidation") == [
        "Une liquidation judiciaire est ouverte : la structure est considérée comme fermée."
    ]
    assert reasons(diagnosis_severity="high") == [
        "Le dernier autodiagnostic conclut à une situation difficile."
    ]
    assert reasons(situations={"activity_stopped"}) == ["L'activité est arrêtée."]
    assert reasons(situations={"activity_reduced"}) == ["L'activité est réduite."]
    assert reasons(situations={"late_payments"}) == ["Un financeur public paie en retard."]


def test_concerning_factors_come_first_heaviest_first_then_reassuring_ones():
    assessment = assess(
        RiskInputs(
            cash_runway_months=2,
            public_funding_share=Decimal("0.1"),
            situations=frozenset({"late_payments"}),
            social_debt_months=0,
            collective_procedure="safeguard",
        )
    )
    assert [(f.code, f.weight) for f in assessment.factors] == [
        ("collective_procedure", "critical"),
        ("cash_under_3_months", "high"),
        ("late_public_payments", "medium"),
        ("diversified_funding", "low"),
        ("no_debt_declared", "low"),
    ]
    assert all(isinstance(f, Factor) for f in assessment.factors)


@pytest.mark.parametrize(
    "inputs",
    [
        {"public_funding_share": Decimal("1.01")},
        {"cash_runway_months": -1},
        {"social_debt_months": float("nan")},
        {"cash_runway_months": "3"},
        {"situations": {"bankruptcy"}},
        {"collective_procedure": "redressement"},
        {"diagnosis_severity": "grave"},
    ],
)
def test_inputs_outside_the_vocabulary_are_refused(inputs):
    with pytest.raises(ValueError):
        RiskInputs(**inputs)


# Cash runway from a cash-flow plan ------------------------------------------------------------


def plan(opening, net_by_month):
    receipts = tuple(Decimal(max(n, 0)) for n in net_by_month)
    expenses = tuple(Decimal(max(-n, 0)) for n in net_by_month)
    return compute(
        Plan(2026, 1, Decimal(opening), (Line("Ventes", receipts),), (Line("Charges", expenses),))
    )


def test_runway_counts_the_months_before_the_closing_balance_first_goes_below_zero():
    assert cash_runway(plan(1000, [-2000, 5000, 0])) == (0, False)  # January closes at -1 000
    assert cash_runway(plan(1000, [-500, -500, -1])) == (2, False)  # March closes at -1
    assert cash_runway(plan(1000, [-1000, 0, 0])) == (3, True)  # zero is not below zero
    assert cash_runway(plan(1000, [-2000, 5000, -9000, 1])) == (0, False)  # the first time


def test_a_plan_that_never_goes_below_zero_says_the_runway_is_more_than_its_length():
    months, beyond = cash_runway(plan(100, [0] * 12))
    assert (months, beyond) == (12, True)
    assert level(cash_runway_months=months, cash_lasts_beyond=beyond) == "green"


# Any inputs -----------------------------------------------------------------------------------

ORDER = ["unknown", "green", "orange", "red"]
months_or_none = st.none() | st.decimals(0, 30, places=2)
any_inputs = st.builds(
    RiskInputs,
    cash_runway_months=months_or_none,
    public_funding_share=st.none() | st.decimals(0, 1, places=4),
    situations=st.none() | st.frozensets(st.sampled_from(list(SITUATIONS))),
    social_debt_months=months_or_none,
    collective_procedure=st.sampled_from([None, *PROCEDURES]),
    diagnosis_severity=st.sampled_from([None, *SEVERITIES]),
    cash_lasts_beyond=st.booleans(),
)


@given(any_inputs)
def test_the_level_is_the_one_the_concerning_factors_count_gives(inputs):
    assessment = assess(inputs)
    weights = Counter(f.weight for f in assessment.factors if f.effect == "concerning")
    if inputs.collective_procedure == "liquidation":
        expected = "closed"
    elif weights["critical"] or weights["high"] >= 2:
        expected = "red"
    elif weights["high"] or weights["medium"] >= 2:
        expected = "orange"
    else:
        expected = "green" if inputs.known else "unknown"
    assert assessment.level == expected
    assert all(f.weight == "low" for f in assessment.factors if f.effect == "reassuring")
    assert all(f.reason.endswith(".") and f.reason[0].isupper() for f in assessment.factors)


@given(any_inputs, st.sampled_from(["public_funding_cut", "late_payments", "activity_stopped"]))
def test_declaring_one_more_difficulty_never_lowers_the_level(inputs, difficulty):
    if inputs.collective_procedure == "liquidation":
        return
    worse = replace(inputs, situations=(inputs.situations or frozenset()) | {difficulty})
    assert ORDER.index(assess(worse).level) >= ORDER.index(assess(inputs).level)
