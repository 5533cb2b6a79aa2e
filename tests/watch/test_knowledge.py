"""What AidESS knows of a structure, read into the scorecard: the latest cash-flow plan's runway,
the public funding share, the declared situations, the latest completed self-diagnosis."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aidess.cashflow.models import CashflowPlan
from aidess.diagnosis.models import Diagnosis
from aidess.watch.knowledge import risk_inputs_of
from aidess.watch.risk import RiskInputs, assess
from tests.factories import CashflowPlanFactory, DiagnosisFactory, StructureFactory

pytestmark = pytest.mark.django_db


def test_a_structure_nobody_described_is_unknown():
    structure = StructureFactory()
    assert risk_inputs_of(structure) == RiskInputs()
    assert assess(risk_inputs_of(structure)).level == "unknown"


def test_a_plan_short_of_cash_a_major_funding_cut_and_a_critical_diagnosis_make_it_red():
    structure = StructureFactory(public_funding_share=Decimal("60.00"))
    CashflowPlanFactory(structure=structure)  # 1 000 € + 3 000 − 5 000: January closes at −1 000
    diagnosis = Diagnosis.objects.create(
        structure=structure,
        answers={"funding_cut": True, "funding_cut_funder": "La Région", "months_covered": "2"},
    )
    Diagnosis.objects.create(structure=structure, answers={"months_covered": "0.5"}).complete()
    diagnosis.complete()  # completed last: the latest, « Situation difficile »

    inputs = risk_inputs_of(structure)
    assert inputs == RiskInputs(
        cash_runway_months=0,
        public_funding_share=Decimal("0.6"),
        situations=frozenset({"public_funding_cut", "cash_shortfall"}),
        diagnosis_severity="high",
    )
    assessment = assess(inputs)
    assert assessment.level == "red"
    assert [f.reason for f in assessment.factors] == [
        "La trésorerie est épuisée dans moins d'un mois (0 mois).",
        "Un financement public baisse ou disparaît alors que les financements publics font "
        "60\u00a0% des ressources (50\u00a0% ou plus).",
        "Le dernier autodiagnostic conclut à une situation difficile.",
    ]


def test_the_latest_saved_plan_counts_and_its_runway_is_the_months_before_a_negative_balance():
    structure = StructureFactory()
    old = CashflowPlanFactory(structure=structure)  # negative in January
    CashflowPlanFactory(
        structure=structure,
        months=4,
        receipts={"Subvention": ["0.00", "0.00", "0.00", "0.00"]},
        expenses={"Salaires": ["400.00", "400.00", "400.00", "400.00"]},
    )  # 1 000 €: 600, 200, then −200 in March
    a_year_ago = timezone.now() - datetime.timedelta(days=365)
    CashflowPlan.objects.filter(pk=old.pk).update(updated_at=a_year_ago)

    inputs = risk_inputs_of(structure)
    assert (inputs.cash_runway_months, inputs.cash_lasts_beyond) == (2, False)
    assert assess(inputs).factors[0].reason == (
        "La trésorerie est épuisée dans moins de 3 mois (2 mois)."
    )


def test_a_plan_never_below_zero_says_more_than_its_months_and_reassures_from_six():
    structure = StructureFactory(public_funding_share=Decimal("25"))
    twelve = ["100.00"] * 12
    CashflowPlanFactory(
        structure=structure, months=12, receipts={"Ventes": twelve}, expenses={"Loyer": twelve}
    )
    inputs = risk_inputs_of(structure)
    assert (inputs.cash_runway_months, inputs.cash_lasts_beyond) == (12, True)
    assert inputs.public_funding_share == Decimal("0.25")
    assessment = assess(inputs)
    assert assessment.level == "green"
    assert [f.reason for f in assessment.factors] == [
        "La trésorerie couvre plus de 6 mois (solde positif sur les 12 mois du plan de "
        "trésorerie).",
        "Les financements sont diversifiés : les financements publics font 25\u00a0% des "
        "ressources (moins de 30\u00a0%).",
    ]


def test_only_a_completed_diagnosis_counts():
    structure = StructureFactory()
    DiagnosisFactory(structure=structure, answers={"months_covered": "0.2"})  # in progress
    assert risk_inputs_of(structure).diagnosis_severity is None
    DiagnosisFactory(structure=structure, completed=True, answers={"activity_status": "stopped"})
    assert risk_inputs_of(structure).diagnosis_severity == "high"


def test_situations_declared_none_are_known_never_declared_are_not():
    assert risk_inputs_of(StructureFactory()).situations is None
    declared_none = StructureFactory(situations=[])
    assert risk_inputs_of(declared_none).situations == frozenset()
    assert assess(risk_inputs_of(declared_none)).level == "green"
    reduced = StructureFactory(situations=["activity_reduced", "late_payments"])
    assert risk_inputs_of(reduced).situations == {"activity_reduced", "late_payments"}
    assert assess(risk_inputs_of(reduced)).level == "orange"
