"""The national schemes of aids/data/seed_aids.json give, for structures drawn from the source
documents, the verdicts those documents imply."""

import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from aidess.aids.seeding import SEED_FILE
from aidess.eligibility.engine import AidVerdict, Verdict
from aidess.eligibility.models import AidCriteria
from aidess.eligibility.profiles import profile_of
from aidess.eligibility.service import candidate_aids, evaluate_aids
from aidess.structures.models import Structure
from aidess.territories.models import Commune
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"
SEED = json.loads(SEED_FILE.read_text(encoding="utf-8"))

MARSEILLE_1ER = "13201"  # a municipal district (ARM): department and region come from Marseille


def structure(commune="23008", situations=None, category="9220", **fields):
    """A structure seated in `commune`; `situations` None means "no self-diagnosis yet"."""
    return StructureFactory(
        commune=Commune.objects.get(code=commune),
        legal_category_id=category,
        situations=situations,
        **fields,
    )


def verdicts(saved, include_closed=True):
    """{aid slug: AidResult} for the saved structure, as the pages compute them."""
    fresh = (
        Structure.objects.select_related("commune").prefetch_related("situations").get(pk=saved.pk)
    )
    results = evaluate_aids(
        profile_of(fresh),
        candidate_aids(include_closed=True),
        timezone.localdate(),
        include_closed=include_closed,
    )
    return {item.aid.slug: item for item in results}


def criterion(result, code):
    (found,) = [c for c in result.evaluation.criteria if c.code == code]
    return found


def aubusson_theatre(fte, **fields):
    """The DSESS's typical beneficiary: a small culture association of the ESS hit by covid."""
    return structure(
        "23008",
        situations=["covid_crisis"],
        employees_fte=Decimal(fte),
        sector="culture",
        is_ess=True,
        **fields,
    )


# DSESS (seeds/000): ESS structures up to 3 FTE hit by the crisis; closed since 2020


def test_dsess_small_ess_structure_in_crisis_is_eligible_but_closed():
    results = verdicts(aubusson_theatre("2"))
    dsess = results["dsess"]
    assert dsess.verdict == AidVerdict.ELIGIBLE
    assert not dsess.is_open
    assert [c.code for c in dsess.evaluation.criteria] == [
        "ess",
        "employees_fte",
        "territory",
        "situations",
    ]
    assert criterion(dsess, "situations").reason == "Votre situation correspond : crise sanitaire."


def test_dsess_is_listed_only_when_closed_aids_are_asked_for():
    theatre = aubusson_theatre("2")
    assert "dsess" not in verdicts(theatre, include_closed=False)
    profile = profile_of(theatre)
    default = evaluate_aids(profile, candidate_aids(), timezone.localdate())
    assert "dsess" not in {item.aid.slug for item in default}
    assert "dla" in {item.aid.slug for item in default}


def test_dsess_structure_with_12_fte_is_a_near_miss_on_size():
    dsess = verdicts(aubusson_theatre("12"))["dsess"]
    assert dsess.verdict == AidVerdict.INELIGIBLE
    assert dsess.near_miss
    assert [(c.code, c.reason) for c in dsess.evaluation.unmet] == [
        (
            "employees_fte",
            "Votre structure compte 12 ETP ; ce dispositif est réservé aux structures de 3 ETP "
            "au plus.",
        )
    ]


def test_dsess_threshold_is_inclusive():
    assert verdicts(aubusson_theatre("3.00"))["dsess"].verdict == AidVerdict.ELIGIBLE


# France Active (seeds/001): associations and ESUS companies, budget over 200 k€, in difficulty


def test_france_active_association_with_large_budget_in_difficulty_is_eligible():
    association = structure(
        situations=["cash_shortfall"], annual_budget_eur=Decimal("250000"), is_ess=True
    )
    result = verdicts(association)["france-active-accompagnement"]
    assert result.verdict == AidVerdict.ELIGIBLE
    assert criterion(result, "legal_form").reason == (
        "Votre forme juridique (association) est acceptée."
    )


def test_france_active_association_with_small_budget_is_a_near_miss_on_budget():
    association = structure(situations=["cash_shortfall"], annual_budget_eur=Decimal("150000"))
    result = verdicts(association)["france-active-accompagnement"]
    assert result.verdict == AidVerdict.INELIGIBLE
    assert result.near_miss
    assert [(c.code, c.reason) for c in result.evaluation.unmet] == [
        (
            "annual_budget",
            f"Votre structure a un budget annuel de 150{NNBSP}000 € ; ce dispositif est réservé "
            f"aux structures de 200{NNBSP}000 € de budget annuel au moins.",
        )
    ]


def test_france_active_esus_company_is_eligible():
    sas = structure(
        category="5710",  # SAS
        situations=["revenue_loss"],
        annual_budget_eur=Decimal("300000"),
        is_esus=True,
    )
    assert sas.legal_form == "commercial_company"
    result = verdicts(sas)["france-active-accompagnement"]
    assert result.verdict == AidVerdict.ELIGIBLE
    assert criterion(result, "legal_form").reason == (
        "Votre structure est agréée ESUS : elle est concernée."
    )


def test_france_active_company_without_esus_is_a_near_miss_on_legal_form():
    sas = structure(
        category="5710", situations=["revenue_loss"], annual_budget_eur=Decimal("300000")
    )
    result = verdicts(sas)["france-active-accompagnement"]
    assert result.verdict == AidVerdict.INELIGIBLE
    assert [c.code for c in result.evaluation.unmet] == ["legal_form"]
    assert "entreprise agréée ESUS" in criterion(result, "legal_form").reason


def test_france_active_without_self_diagnosis_is_to_confirm():
    association = structure(annual_budget_eur=Decimal("250000"))
    result = verdicts(association)["france-active-accompagnement"]
    assert result.verdict == AidVerdict.TO_CONFIRM
    assert [c.missing for c in result.evaluation.unknown] == ["situations"]


# DREETS PACA pathway (seeds/001): insertion workshops of PACA facing public funding cuts


def test_dreets_paca_iae_structure_in_marseille_with_funding_cut_is_eligible():
    district = Commune.objects.get(code=MARSEILLE_1ER)
    assert (district.department_id, district.region_id) == ("13", "93")
    aci = structure(
        MARSEILLE_1ER,
        situations=["public_funding_cut"],
        is_iae=True,
        sector="employment_insertion",
    )
    result = verdicts(aci)["dreets-paca-aci"]
    assert result.verdict == AidVerdict.ELIGIBLE
    assert criterion(result, "territory").reason == (
        "Votre siège est dans le territoire du dispositif."
    )


def test_dreets_paca_same_structure_in_lille_is_outside_the_territory():
    aci = structure("59350", situations=["public_funding_cut"], is_iae=True)
    result = verdicts(aci)["dreets-paca-aci"]
    assert result.verdict == AidVerdict.INELIGIBLE
    assert result.near_miss
    assert [c.code for c in result.evaluation.unmet] == ["territory"]


def test_dreets_paca_without_funding_cut_is_not_eligible():
    aci = structure("13055", situations=["covid_crisis"], is_iae=True)
    result = verdicts(aci)["dreets-paca-aci"]
    assert result.verdict == AidVerdict.INELIGIBLE
    assert [c.code for c in result.evaluation.unmet] == ["situations"]


# SOS Employeurs ESS (seeds/001): ESS employers of six regions


@pytest.mark.parametrize(
    ("commune", "verdict"),
    [
        ("35238", AidVerdict.ELIGIBLE),  # Rennes, Bretagne (53)
        ("59350", AidVerdict.ELIGIBLE),  # Lille, Hauts-de-France (32)
        (MARSEILLE_1ER, AidVerdict.ELIGIBLE),  # Provence-Alpes-Côte d'Azur (93)
        ("21231", AidVerdict.INELIGIBLE),  # Dijon, Bourgogne-Franche-Comté (27)
        ("23008", AidVerdict.INELIGIBLE),  # Aubusson, Nouvelle-Aquitaine (75)
    ],
)
def test_sos_employeurs_ess_regions(commune, verdict):
    employer = structure(commune, employees_fte=Decimal("4"), is_ess=True)
    result = verdicts(employer)["sos-employeurs-ess"]
    assert result.verdict == verdict
    if verdict == AidVerdict.INELIGIBLE:
        assert [c.code for c in result.evaluation.unmet] == ["territory"]


# Médiateur des entreprises (seeds/001): any dispute


def test_mediateur_structure_with_a_dispute_is_eligible():
    result = verdicts(structure(situations=["dispute"]))["mediateur-des-entreprises"]
    assert result.verdict == AidVerdict.ELIGIBLE
    assert criterion(result, "situations").reason == (
        "Votre situation correspond : différend avec un client ou un financeur."
    )


def test_mediateur_structure_without_self_diagnosis_is_to_confirm():
    result = verdicts(structure())["mediateur-des-entreprises"]
    assert result.verdict == AidVerdict.TO_CONFIRM
    (missing,) = result.evaluation.unknown
    assert (missing.code, missing.missing) == ("situations", "situations")
    assert missing.reason.endswith("faites votre autodiagnostic.")


def test_mediateur_structure_that_declared_no_difficulty_is_not_eligible():
    declared_nothing = structure(situations=[])
    result = verdicts(declared_nothing)["mediateur-des-entreprises"]
    assert result.verdict == AidVerdict.INELIGIBLE


# DLA (seeds/004): employer ESS structures


def test_dla_non_employer_association_is_ineligible():
    result = verdicts(structure(employees_fte=Decimal("0"), is_ess=True))["dla"]
    assert result.verdict == AidVerdict.INELIGIBLE
    assert [(c.code, c.reason) for c in result.evaluation.unmet] == [
        (
            "employer",
            "Ce dispositif est réservé aux structures employeuses ; votre structure n'a pas de "
            "salarié déclaré.",
        )
    ]


def test_dla_employer_is_eligible_and_unknown_staff_is_to_confirm():
    assert verdicts(structure(employees_fte=Decimal("1.5")))["dla"].verdict == (AidVerdict.ELIGIBLE)
    unknown = verdicts(structure())["dla"]
    assert unknown.verdict == AidVerdict.TO_CONFIRM
    assert [c.missing for c in unknown.evaluation.unknown] == ["employees_fte"]


def test_dla_is_reserved_to_the_ess():
    result = verdicts(structure(employees_fte=Decimal("5"), is_ess=False))["dla"]
    assert [c.code for c in result.evaluation.unmet] == ["ess"]


# Other schemes


def test_cellule_veille_is_for_ess_structures_of_hauts_de_france():
    assert verdicts(structure("59350"))["cellule-veille-hauts-de-france"].verdict == (
        AidVerdict.ELIGIBLE
    )
    outside = verdicts(structure("35238"))["cellule-veille-hauts-de-france"]
    assert outside.verdict == AidVerdict.INELIGIBLE


def test_guid_asso_and_contrat_apport_are_for_associations():
    association = verdicts(structure())
    cooperative = verdicts(structure(category="5458"))  # SA coopérative
    for slug in ("guid-asso", "contrat-apport-associatif"):
        assert association[slug].verdict == AidVerdict.ELIGIBLE
        assert cooperative[slug].verdict == AidVerdict.INELIGIBLE


def test_ptce_has_no_criterion_but_its_national_territory():
    result = verdicts(structure(is_ess=False, category="5710"))["ptce"]
    assert result.verdict == AidVerdict.ELIGIBLE
    assert [c.verdict for c in result.evaluation.criteria] == [Verdict.MET]


def test_results_come_eligible_first_then_to_confirm_then_ineligible():
    results = list(verdicts(structure(employees_fte=Decimal("12"))).values())
    order = {AidVerdict.ELIGIBLE: 0, AidVerdict.TO_CONFIRM: 1, AidVerdict.INELIGIBLE: 2}
    ranks = [order[item.verdict] for item in results]
    assert ranks == sorted(ranks)
    assert set(ranks) == {0, 1, 2}


# Provenance of the seed criteria

SEED_FILES = set(re.findall(r"seeds/(\d{3})_[0-9a-f]{16}\.txt", SEED_FILE.read_text("utf-8")))


@pytest.mark.parametrize("spec", SEED["aids"], ids=lambda spec: spec["slug"])
def test_seed_criteria_cite_the_seed_files(spec):
    stored = AidCriteria.objects.get(aid__slug=spec["slug"])
    assert stored.provenance == spec["criteria"]["provenance"]
    cited = re.findall(r"seeds/(\d{3})\b", stored.provenance)
    assert cited, f"{spec['slug']}: criteria without a cited source document"
    assert set(cited) <= SEED_FILES, f"{spec['slug']} cites an unknown document: {cited}"
