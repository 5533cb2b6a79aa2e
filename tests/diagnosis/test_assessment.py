"""Reading a self-diagnosis: severity and its reasons, needs, declared situations (pure)."""

import pytest

from aidess.diagnosis.assessment import NEED_LABELS, SEVERITY_LABELS, assess


def test_nothing_declared_is_low_and_says_so():
    for answers in (
        {},
        {"activity_status": "normal", "funding_cut": False, "dispute": None, "months_covered": "6"},
    ):
        result = assess(answers)
        assert result.severity == "low"
        assert result.severity_label == "Situation maîtrisée"
        assert result.reasons == (("low", "Aucune difficulté particulière n'est déclarée."),)
        assert result.needs == ()
        assert result.situations == frozenset()
        assert (
            result.summary == "Situation maîtrisée. Aucune difficulté particulière n'est déclarée."
        )


@pytest.mark.parametrize("months", ["0", "0.5", "0.9", 0])
def test_less_than_a_month_of_cash_is_critical(months):
    result = assess({"activity_status": "normal", "months_covered": months})
    assert result.severity == "critical"
    assert result.reasons == (("critical", "Votre trésorerie couvre moins d'un mois de dépenses."),)
    assert result.needs == ("cash",)
    assert result.situations == {"cash_shortfall"}


@pytest.mark.parametrize(("months", "shown"), [("1", "1"), ("2.5", "2.5"), ("2.0", "2")])
def test_one_to_three_months_of_cash_is_high(months, shown):
    result = assess({"months_covered": months})
    assert result.severity == "high"
    assert result.reasons == (
        ("high", f"Votre trésorerie ne couvre que {shown} mois de dépenses."),
    )
    assert result.situations == {"cash_shortfall"}


@pytest.mark.parametrize("months", ["3", "12", "", None])
def test_three_months_of_cash_or_no_answer_is_no_shortfall(months):
    assert assess({"months_covered": months}).situations == frozenset()


def test_funding_cut_is_high_and_names_the_funder_and_amount():
    result = assess(
        {
            "funding_cut": True,
            "funding_cut_funder": "Région Hauts-de-France",
            "funding_cut_eur": "12000.00",
        }
    )
    assert result.severity == "high"
    assert result.reasons == (
        ("high", "Région Hauts-de-France a annoncé une baisse de financement de 12\u202f000 €."),
    )
    assert result.needs == ("funding",)
    assert result.situations == {"public_funding_cut"}
    assert assess({"funding_cut": True}).reasons == (
        ("high", "Un financeur public a annoncé une baisse de financement."),
    )


def test_reduced_activity_and_lost_resources_are_moderate():
    result = assess({"activity_status": "reduced", "resources_lost_eur": "8500"})
    assert result.severity == "moderate"
    assert [sentence for _, sentence in result.reasons] == [
        "Votre activité est réduite.",
        "Vous avez perdu 8\u202f500 € de ressources.",
    ]
    assert result.needs == ("strategy", "funding")
    assert result.situations == {"activity_reduced", "revenue_loss"}


def test_stopped_activity_is_high_and_needs_strategy_and_cash():
    result = assess({"activity_status": "stopped"})
    assert (result.severity, result.needs, result.situations) == (
        "high",
        ("strategy", "cash"),
        {"activity_stopped"},
    )


@pytest.mark.parametrize(
    ("days", "severity", "mediation", "sentence"),
    [
        (None, "moderate", False, "Un financeur public vous doit 4\u202f000 €."),
        (30, "moderate", False, "Un financeur public vous doit 4\u202f000 € depuis 30 jours."),
        (60, "moderate", False, "Un financeur public vous doit 4\u202f000 € depuis 60 jours."),
        (61, "moderate", True, "Un financeur public vous doit 4\u202f000 € depuis 61 jours."),
        (90, "moderate", True, "Un financeur public vous doit 4\u202f000 € depuis 90 jours."),
        (91, "high", True, "Un financeur public vous doit 4\u202f000 € depuis 91 jours."),
    ],
)
def test_late_payments_get_worse_with_time(days, severity, mediation, sentence):
    result = assess({"late_payments_eur": "4000", "late_payments_days": days})
    assert result.severity == severity
    assert result.reasons == ((severity, sentence),)
    assert ("mediation" in result.needs) is mediation
    assert result.situations == {"late_payments"}


def test_no_late_payment_without_an_amount():
    assert assess({"late_payments_eur": "0", "late_payments_days": 120}).situations == frozenset()


def test_a_single_euro_lost_or_owed_counts():
    assert assess({"resources_lost_eur": "1"}).reasons == (
        ("moderate", "Vous avez perdu 1 € de ressources."),
    )
    assert assess({"late_payments_eur": "1"}).situations == {"late_payments"}


def test_amounts_left_empty_are_no_difficulty():
    answers = {"resources_lost_eur": "", "late_payments_eur": "", "funding_cut_eur": ""}
    assert assess(answers).severity == "low"


def test_dispute_needs_mediation():
    result = assess({"dispute": True})
    assert (result.severity, result.needs, result.situations) == (
        "moderate",
        ("mediation",),
        {"dispute"},
    )
    assert result.reasons == (
        ("moderate", "Un différend vous oppose à un client ou à un financeur."),
    )


def test_team_and_governance():
    assert assess({"layoffs_considered": True, "partial_activity": True}).reasons == (
        ("high", "Des licenciements sont envisagés."),
    )
    assert assess({"partial_activity": True}).reasons == (
        ("moderate", "Une partie de l'équipe est en activité partielle."),
    )
    assert assess({"volunteers_lost": True}).reasons == (
        ("moderate", "Des bénévoles se sont démobilisés."),
    )
    result = assess({"volunteers_lost": True, "board_mobilised": False})
    assert result.needs == ("governance",), "a need is listed once"
    assert result.situations == {"volunteer_demobilisation"}
    assert assess({"board_mobilised": None}).severity == "low", "no answer is not a problem"


def test_a_board_not_mobilised_alone_is_moderate_and_needs_governance():
    result = assess({"board_mobilised": False})
    assert result.severity == "moderate"
    assert result.reasons == (
        ("moderate", "Le bureau ou le conseil d'administration n'est pas mobilisé."),
    )
    assert result.needs == ("governance",)
    assert result.situations == frozenset(), "a board is not a situation aids look for"
    assert assess({"board_mobilised": True}).severity == "low"


def test_the_worst_reason_sets_the_level_and_needs_are_listed_once_in_order():
    result = assess(
        {
            "activity_status": "stopped",
            "late_payments_eur": "1500",
            "late_payments_days": 75,
            "months_covered": "0.5",
            "dispute": True,
            "layoffs_considered": True,
        }
    )
    assert result.severity == "critical"
    assert [severity for severity, _ in result.reasons] == [
        "high",
        "moderate",
        "moderate",
        "critical",
        "high",
    ]
    assert result.needs == ("strategy", "cash", "mediation", "hr")
    assert result.situations == {"activity_stopped", "late_payments", "dispute", "cash_shortfall"}
    assert result.summary == (
        "Situation critique. Votre activité est arrêtée. "
        "Un financeur public vous doit 1\u202f500 € depuis 75 jours. "
        "Un différend vous oppose à un client ou à un financeur. "
        "Votre trésorerie couvre moins d'un mois de dépenses. "
        "Des licenciements sont envisagés. "
        "Besoins repérés : stratégie, trésorerie, médiation, ressources humaines."
    )


def test_every_level_and_need_has_a_french_label():
    assert set(SEVERITY_LABELS) == {"low", "moderate", "high", "critical"}
    everything = assess(
        {
            "activity_status": "stopped",
            "resources_lost_eur": "1",
            "funding_cut": True,
            "late_payments_eur": "1",
            "late_payments_days": 100,
            "dispute": True,
            "months_covered": "0",
            "layoffs_considered": True,
            "volunteers_lost": True,
        }
    )
    assert set(everything.needs) == set(NEED_LABELS)
