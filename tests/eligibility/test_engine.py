"""The eligibility engine, criterion by criterion: verdicts and the French sentence people read.

Pure Python: no database. Places carry the real INSEE codes of the COG (checked in
tests/eligibility/test_seed_verdicts.py against the loaded territories).
"""

from datetime import date
from decimal import Decimal

import pytest

from aidess.eligibility.engine import (
    AidVerdict,
    Criteria,
    Profile,
    Territory,
    Verdict,
    age_in_years,
    allowed_legal_forms,
    describe_bounds,
    evaluate,
    listed_sectors,
    listed_situations,
    number,
)

TODAY = date(2025, 6, 15)
NNBSP = "\u202f"  # narrow no-break space, the French thousands separator

# commune, EPCI, department, region
AUBUSSON = {
    "commune_code": "23008",
    "epci_code": "200044014",
    "department_code": "23",
    "region_code": "75",
}
GUERET = {
    "commune_code": "23096",
    "epci_code": "200034825",
    "department_code": "23",
    "region_code": "75",
}
LILLE = {
    "commune_code": "59350",
    "epci_code": "200093201",
    "department_code": "59",
    "region_code": "32",
}


@pytest.fixture(autouse=True)
def cold_phrase_caches():
    """Each test formats its phrases itself: a phrase cached by an earlier test (or by the
    process mutmut forks its workers from) would hide a change to the code that writes it."""
    for phrase in (allowed_legal_forms, listed_sectors, listed_situations, describe_bounds):
        phrase.cache_clear()


def only(profile, criteria, code, today=TODAY):
    """The result of the one criterion `code` (besides the territory, always evaluated)."""
    results = [r for r in evaluate(profile, criteria, today).criteria if r.code == code]
    assert len(results) == 1, results
    return results[0]


def assert_result(result, verdict, reason, missing=""):
    assert (result.verdict, result.reason, result.missing) == (verdict, reason, missing)


# French numbers


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12, "12"),
        (Decimal("12.00"), "12"),
        (Decimal("2.5"), "2,5"),
        (Decimal("2.50"), "2,5"),
        (Decimal("0.75"), "0,75"),
        (Decimal("0.00"), "0"),
        (Decimal("100.00"), "100"),
        (Decimal("90000"), f"90{NNBSP}000"),
        (Decimal("200000.00"), f"200{NNBSP}000"),
        (Decimal("1234567.89"), f"1{NNBSP}234{NNBSP}567,89"),
    ],
)
def test_numbers_are_written_the_french_way(value, text):
    assert number(value) == text


# Legal form

ASSOCIATIONS_AND_FOUNDATIONS = Criteria(legal_forms=frozenset({"association", "foundation"}))
ASSOCIATIONS_OR_ESUS = Criteria(legal_forms=frozenset({"association"}), legal_forms_or_esus=True)


def test_accepted_legal_form_is_met():
    result = only(Profile(legal_form="foundation"), ASSOCIATIONS_AND_FOUNDATIONS, "legal_form")
    assert_result(result, Verdict.MET, "Votre forme juridique (fondation) est acceptée.")


def test_other_legal_form_is_unmet_and_lists_the_accepted_ones():
    result = only(Profile(legal_form="cooperative"), ASSOCIATIONS_AND_FOUNDATIONS, "legal_form")
    assert_result(
        result,
        Verdict.UNMET,
        "Votre forme juridique (coopérative) n'est pas acceptée : ce dispositif est réservé à "
        "association ou fondation.",
    )


def test_three_legal_forms_are_listed_each_once_in_alphabetical_order():
    criteria = Criteria(legal_forms=frozenset({"mutual", "association", "cooperative"}))
    assert_result(
        only(Profile(legal_form="foundation"), criteria, "legal_form"),
        Verdict.UNMET,
        "Votre forme juridique (fondation) n'est pas acceptée : ce dispositif est réservé à "
        "association, coopérative ou mutuelle.",
    )
    with_esus = Criteria(legal_forms=criteria.legal_forms, legal_forms_or_esus=True)
    assert only(Profile(), with_esus, "legal_form").reason == (
        "Ce dispositif est réservé à : association, coopérative, mutuelle ou entreprise agréée "
        "ESUS. Indiquez votre catégorie juridique."
    )


def test_a_company_whose_agrement_is_unknown_is_asked_for_it():
    result = only(Profile(legal_form="commercial_company"), ASSOCIATIONS_OR_ESUS, "legal_form")
    assert_result(
        result,
        Verdict.UNKNOWN,
        "Votre forme juridique (société commerciale) n'est acceptée que si votre structure est "
        "agréée ESUS : précisez-le.",
        "esus",
    )


def test_missing_legal_form_asks_for_the_legal_category():
    result = only(Profile(), ASSOCIATIONS_AND_FOUNDATIONS, "legal_form")
    assert_result(
        result,
        Verdict.UNKNOWN,
        "Ce dispositif est réservé à : association ou fondation. Indiquez votre catégorie "
        "juridique.",
        "legal_category",
    )


def test_esus_company_is_accepted_when_legal_forms_or_esus():
    profile = Profile(legal_form="commercial_company", esus=True)
    result = only(profile, ASSOCIATIONS_OR_ESUS, "legal_form")
    assert_result(result, Verdict.MET, "Votre structure est agréée ESUS : elle est concernée.")
    # Without the "or ESUS" clause the same company is not concerned.
    plain = Criteria(legal_forms=frozenset({"association"}))
    assert only(profile, plain, "legal_form").verdict == Verdict.UNMET


def test_esus_agrement_without_legal_form_is_enough_when_legal_forms_or_esus():
    assert only(Profile(esus=True), ASSOCIATIONS_OR_ESUS, "legal_form").verdict == Verdict.MET


def test_association_without_esus_is_accepted_when_legal_forms_or_esus():
    result = only(Profile(legal_form="association", esus=False), ASSOCIATIONS_OR_ESUS, "legal_form")
    assert_result(result, Verdict.MET, "Votre forme juridique (association) est acceptée.")


def test_company_without_esus_is_unmet_when_legal_forms_or_esus():
    profile = Profile(legal_form="commercial_company", esus=False)
    result = only(profile, ASSOCIATIONS_OR_ESUS, "legal_form")
    assert_result(
        result,
        Verdict.UNMET,
        "Votre forme juridique (société commerciale) n'est pas acceptée : ce dispositif est "
        "réservé à association ou entreprise agréée ESUS.",
    )


def test_company_with_unknown_esus_is_to_confirm_when_legal_forms_or_esus():
    """Not knowing the agrément is missing data, not a reason to exclude the company."""
    profile = Profile(legal_form="commercial_company")
    result = only(profile, ASSOCIATIONS_OR_ESUS, "legal_form")
    assert result.verdict == Verdict.UNKNOWN
    assert result.missing == "esus"
    assert "ESUS" in result.reason
    assert evaluate(profile, ASSOCIATIONS_OR_ESUS, TODAY).verdict == AidVerdict.TO_CONFIRM


# ESS, ESUS, IAE flags


@pytest.mark.parametrize(
    ("criteria", "field", "code", "met", "unmet", "unknown"),
    [
        (
            Criteria(ess_required=True),
            "ess",
            "ess",
            "Votre structure est bien une structure de l'ESS.",
            "Ce dispositif est réservé aux structures de l'ESS ; votre structure n'en fait pas "
            "partie.",
            "Ce dispositif est réservé aux structures de l'ESS : précisez-le.",
        ),
        (
            Criteria(esus_required=True),
            "esus",
            "esus",
            "Votre structure est bien agréée ESUS.",
            "Ce dispositif est réservé aux entreprises agréées ESUS ; votre structure n'en fait "
            "pas partie.",
            "Ce dispositif est réservé aux entreprises agréées ESUS : précisez-le.",
        ),
        (
            Criteria(iae_required=True),
            "iae",
            "iae",
            "Votre structure est bien une structure de l'IAE.",
            "Ce dispositif est réservé aux structures de l'IAE ; votre structure n'en fait pas "
            "partie.",
            "Ce dispositif est réservé aux structures de l'IAE : précisez-le.",
        ),
    ],
)
def test_flags(criteria, field, code, met, unmet, unknown):
    assert_result(only(Profile(**{field: True}), criteria, code), Verdict.MET, met)
    assert_result(only(Profile(**{field: False}), criteria, code), Verdict.UNMET, unmet)
    assert_result(only(Profile(), criteria, code), Verdict.UNKNOWN, unknown, field)


# Employer

EMPLOYER = Criteria(employer_required=True)


def test_structure_with_employees_is_an_employer():
    result = only(Profile(employees_fte=Decimal("0.5")), EMPLOYER, "employer")
    assert_result(result, Verdict.MET, "Votre structure est employeuse.")


def test_structure_with_zero_fte_is_not_an_employer():
    result = only(Profile(employees_fte=Decimal("0")), EMPLOYER, "employer")
    assert_result(
        result,
        Verdict.UNMET,
        "Ce dispositif est réservé aux structures employeuses ; votre structure n'a pas de "
        "salarié déclaré.",
    )


def test_unknown_fte_leaves_the_employer_criterion_to_confirm():
    result = only(Profile(), EMPLOYER, "employer")
    assert_result(
        result,
        Verdict.UNKNOWN,
        "Ce dispositif est réservé aux structures employeuses : indiquez vos salariés (ETP).",
        "employees_fte",
    )


# Ranges: FTE, budget, public funding share


def test_too_many_fte():
    result = only(
        Profile(employees_fte=Decimal("12")), Criteria(fte_max=Decimal("3")), "employees_fte"
    )
    assert_result(
        result,
        Verdict.UNMET,
        "Votre structure compte 12 ETP ; ce dispositif est réservé aux structures de 3 ETP au "
        "plus.",
    )


def test_too_few_fte_with_decimals():
    result = only(
        Profile(employees_fte=Decimal("2.50")), Criteria(fte_min=Decimal("3")), "employees_fte"
    )
    assert_result(
        result,
        Verdict.UNMET,
        "Votre structure compte 2,5 ETP ; ce dispositif est réservé aux structures de 3 ETP au "
        "moins.",
    )


@pytest.mark.parametrize("fte", ["1", "2.5", "10"])
def test_fte_bounds_are_inclusive(fte):
    criteria = Criteria(fte_min=Decimal("1"), fte_max=Decimal("10"))
    result = only(Profile(employees_fte=Decimal(fte)), criteria, "employees_fte")
    assert_result(
        result,
        Verdict.MET,
        f"Votre structure compte {fte.replace('.', ',')} ETP : c'est dans les limites du "
        "dispositif (de 1 à 10 ETP).",
    )


def test_fte_just_above_the_maximum_is_unmet():
    criteria = Criteria(fte_max=Decimal("3"))
    result = only(Profile(employees_fte=Decimal("3.01")), criteria, "employees_fte")
    assert result.verdict == Verdict.UNMET
    assert result.reason.startswith("Votre structure compte 3,01 ETP ;")


def test_unknown_fte_states_the_bounds():
    result = only(Profile(), Criteria(fte_max=Decimal("3")), "employees_fte")
    assert_result(
        result,
        Verdict.UNKNOWN,
        "Ce dispositif est réservé aux structures de 3 ETP au plus.",
        "employees_fte",
    )


def test_small_budget():
    result = only(
        Profile(annual_budget_eur=Decimal("90000")),
        Criteria(budget_min=Decimal("200000")),
        "annual_budget",
    )
    assert_result(
        result,
        Verdict.UNMET,
        f"Votre structure a un budget annuel de 90{NNBSP}000 € ; ce dispositif est réservé aux "
        f"structures de 200{NNBSP}000 € de budget annuel au moins.",
    )


def test_budget_in_range_and_unknown():
    criteria = Criteria(budget_min=Decimal("10000"), budget_max=Decimal("1500000"))
    result = only(Profile(annual_budget_eur=Decimal("250000.50")), criteria, "annual_budget")
    assert_result(
        result,
        Verdict.MET,
        f"Votre structure a un budget annuel de 250{NNBSP}000,5 € : c'est dans les limites du "
        f"dispositif (de 10{NNBSP}000 à 1{NNBSP}500{NNBSP}000 € de budget annuel).",
    )
    assert_result(
        only(Profile(), criteria, "annual_budget"),
        Verdict.UNKNOWN,
        f"Ce dispositif est réservé aux structures de 10{NNBSP}000 à 1{NNBSP}500{NNBSP}000 € de "
        "budget annuel.",
        "annual_budget_eur",
    )


def test_public_funding_share():
    criteria = Criteria(public_share_min=Decimal("50"))
    result = only(Profile(public_funding_share=Decimal("45.00")), criteria, "public_funding_share")
    assert_result(
        result,
        Verdict.UNMET,
        "Votre structure reçoit 45 % de financements publics ; ce dispositif est réservé aux "
        "structures de 50 % de financements publics au moins.",
    )
    high = Profile(public_funding_share=Decimal("72.5"))
    assert only(high, criteria, "public_funding_share").verdict == Verdict.MET
    capped = Criteria(public_share_max=Decimal("30"))
    assert only(high, capped, "public_funding_share").verdict == Verdict.UNMET


# Sector

CULTURE_OR_SPORT = Criteria(sectors=frozenset({"culture", "sport"}))


def test_sector():
    assert_result(
        only(Profile(sector="sport"), CULTURE_OR_SPORT, "sector"),
        Verdict.MET,
        "Votre secteur (sport) est visé par le dispositif.",
    )
    assert_result(
        only(Profile(sector="housing"), CULTURE_OR_SPORT, "sector"),
        Verdict.UNMET,
        "Votre secteur (logement) n'est pas visé : ce dispositif concerne culture ou sport.",
    )
    assert_result(
        only(Profile(), CULTURE_OR_SPORT, "sector"),
        Verdict.UNKNOWN,
        "Ce dispositif vise les secteurs : culture ou sport. Indiquez le vôtre.",
        "sector",
    )


def test_codes_outside_the_vocabulary_are_shown_as_they_are():
    """An old or imported code still gives a sentence, never an error."""
    assert_result(
        only(Profile(sector="aeronautique"), CULTURE_OR_SPORT, "sector"),
        Verdict.UNMET,
        "Votre secteur (aeronautique) n'est pas visé : ce dispositif concerne culture ou sport.",
    )
    assert only(Profile(), Criteria(sectors=frozenset({"aeronautique"})), "sector").reason == (
        "Ce dispositif vise les secteurs : aeronautique. Indiquez le vôtre."
    )
    assert_result(
        only(Profile(legal_form="gie"), ASSOCIATIONS_AND_FOUNDATIONS, "legal_form"),
        Verdict.UNMET,
        "Votre forme juridique (gie) n'est pas acceptée : ce dispositif est réservé à "
        "association ou fondation.",
    )


# Territory

INSIDE = "Votre siège est dans le territoire du dispositif."
OUTSIDE = (
    "Votre siège est hors du territoire du dispositif ; il faudrait être implanté sur son "
    "territoire."
)
ASK_COMMUNE = (
    "Ce dispositif est limité à certains territoires : indiquez la commune de votre siège."
)


def territory(**codes):
    return Criteria(
        territory=Territory(national=False, **{k: frozenset(v) for k, v in codes.items()})
    )


@pytest.mark.parametrize("place", [AUBUSSON, LILLE, {}])
def test_national_aid_is_open_everywhere_even_without_commune(place):
    result = only(Profile(**place), Criteria(), "territory")
    assert_result(result, Verdict.MET, "Dispositif ouvert sur toute la France.")


@pytest.mark.parametrize(
    ("criteria", "inside", "outside"),
    [
        (territory(regions={"75"}), AUBUSSON, LILLE),
        (territory(departments={"23"}), GUERET, LILLE),
        (territory(epcis={"200044014"}), AUBUSSON, GUERET),
        (territory(communes={"23008"}), AUBUSSON, GUERET),
        (territory(regions={"32"}, communes={"23008"}), AUBUSSON, GUERET),
    ],
)
def test_territory(criteria, inside, outside):
    assert_result(only(Profile(**inside), criteria, "territory"), Verdict.MET, INSIDE)
    assert_result(only(Profile(**outside), criteria, "territory"), Verdict.UNMET, OUTSIDE)
    assert_result(only(Profile(), criteria, "territory"), Verdict.UNKNOWN, ASK_COMMUNE, "commune")


def test_known_department_without_commune_decides_a_departmental_aid_but_not_a_local_one():
    department_only = Profile(department_code="23", region_code="75")
    assert only(department_only, territory(departments={"23"}), "territory").verdict == (
        Verdict.MET
    )
    assert only(department_only, territory(departments={"59"}), "territory").verdict == (
        Verdict.UNMET
    )
    assert only(department_only, territory(communes={"23008"}), "territory").verdict == (
        Verdict.UNKNOWN
    )
    assert only(department_only, territory(epcis={"200044014"}), "territory").verdict == (
        Verdict.UNKNOWN
    )


# Situations

DIFFICULTIES = Criteria(situations_any=frozenset({"dispute", "late_payments"}))


def test_situations():
    assert_result(
        only(
            Profile(situations=frozenset({"dispute", "covid_crisis"})), DIFFICULTIES, "situations"
        ),
        Verdict.MET,
        "Votre situation correspond : différend avec un client ou un financeur.",
    )
    assert_result(
        only(Profile(situations=frozenset({"covid_crisis"})), DIFFICULTIES, "situations"),
        Verdict.UNMET,
        "Ce dispositif s'adresse aux structures qui connaissent : différend avec un client ou un "
        "financeur ou retards de paiement d'un financeur public ; ce n'est pas votre situation "
        "déclarée.",
    )
    both = Profile(situations=frozenset({"late_payments", "dispute"}))
    assert_result(
        only(both, DIFFICULTIES, "situations"),
        Verdict.MET,
        "Votre situation correspond : différend avec un client ou un financeur et retards de "
        "paiement d'un financeur public.",
    )
    declared_none = Profile(situations=frozenset())
    assert only(declared_none, DIFFICULTIES, "situations").verdict == Verdict.UNMET
    assert_result(
        only(Profile(), DIFFICULTIES, "situations"),
        Verdict.UNKNOWN,
        "Ce dispositif s'adresse aux structures en difficulté (différend avec un client ou un "
        "financeur ou retards de paiement d'un financeur public) : faites votre autodiagnostic.",
        "situations",
    )


# Age


@pytest.mark.parametrize(
    ("created", "today", "years"),
    [
        (date(2020, 6, 15), date(2025, 6, 14), 4),
        (date(2020, 6, 15), date(2025, 6, 15), 5),
        # Created on 29 February: a year older on 1 March in common years, on 29 February in leap
        # years.
        (date(2016, 2, 29), date(2021, 2, 28), 4),
        (date(2016, 2, 29), date(2021, 3, 1), 5),
        (date(2016, 2, 29), date(2024, 2, 28), 7),
        (date(2016, 2, 29), date(2024, 2, 29), 8),
        # Today is 29 February.
        (date(2019, 2, 28), date(2024, 2, 29), 5),
        (date(2019, 3, 1), date(2024, 2, 29), 4),
    ],
)
def test_age_in_years(created, today, years):
    assert age_in_years(created, today) == years


def test_minimum_age_for_a_structure_created_on_29_february():
    criteria = Criteria(min_age_years=5)
    profile = Profile(creation_date=date(2016, 2, 29))
    assert_result(
        only(profile, criteria, "age", today=date(2021, 2, 28)),
        Verdict.UNMET,
        "Votre structure a 4 ans ; ce dispositif est réservé aux structures de 5 ans d'existence "
        "au moins.",
    )
    assert_result(
        only(profile, criteria, "age", today=date(2021, 3, 1)),
        Verdict.MET,
        "Votre structure a 5 ans : c'est dans les limites du dispositif (de 5 ans d'existence au "
        "moins).",
    )


def test_maximum_age_is_inclusive_until_the_next_birthday():
    criteria = Criteria(max_age_years=3)
    profile = Profile(creation_date=date(2021, 6, 15))
    assert only(profile, criteria, "age", today=date(2025, 6, 14)).verdict == Verdict.MET
    assert_result(
        only(profile, criteria, "age", today=date(2025, 6, 15)),
        Verdict.UNMET,
        "Votre structure a 4 ans ; ce dispositif est réservé aux structures de 3 ans d'existence "
        "au plus.",
    )


@pytest.mark.parametrize(
    ("created", "said"),
    [
        (date(2025, 1, 10), "a moins d'un an"),
        (date(2024, 6, 15), "a 1 an"),
        (date(2023, 6, 16), "a 1 an"),
        (date(2023, 6, 15), "a 2 ans"),
    ],
)
def test_young_structures_are_told_their_age_in_good_french(created, said):
    result = only(Profile(creation_date=created), Criteria(min_age_years=3), "age")
    assert_result(
        result,
        Verdict.UNMET,
        f"Votre structure {said} ; ce dispositif est réservé aux structures de 3 ans "
        "d'existence au moins.",
    )


def test_one_year_bounds_are_singular():
    profile = Profile(creation_date=date(2025, 1, 10))
    assert_result(
        only(profile, Criteria(min_age_years=1), "age"),
        Verdict.UNMET,
        "Votre structure a moins d'un an ; ce dispositif est réservé aux structures de 1 an "
        "d'existence au moins.",
    )
    assert_result(
        only(profile, Criteria(max_age_years=1), "age"),
        Verdict.MET,
        "Votre structure a moins d'un an : c'est dans les limites du dispositif (de 1 an "
        "d'existence au plus).",
    )
    assert only(Profile(), Criteria(min_age_years=0, max_age_years=1), "age").reason == (
        "Ce dispositif est réservé aux structures de 0 à 1 an d'existence : indiquez votre date "
        "de création."
    )


def test_unknown_creation_date():
    assert_result(
        only(Profile(), Criteria(min_age_years=2, max_age_years=10), "age"),
        Verdict.UNKNOWN,
        "Ce dispositif est réservé aux structures de 2 à 10 ans d'existence : indiquez votre date "
        "de création.",
        "creation_date",
    )


# Aid verdicts

DSESS_LIKE = Criteria(
    ess_required=True,
    fte_max=Decimal("3"),
    situations_any=frozenset({"covid_crisis", "revenue_loss"}),
)
SMALL_ESS_IN_CRISIS = Profile(
    legal_form="association",
    ess=True,
    employees_fte=Decimal("2"),
    situations=frozenset({"covid_crisis"}),
    **AUBUSSON,
)


def test_every_criterion_met_is_eligible_and_criteria_come_in_a_stable_order():
    evaluation = evaluate(SMALL_ESS_IN_CRISIS, DSESS_LIKE, TODAY)
    assert evaluation.verdict == AidVerdict.ELIGIBLE
    assert [c.code for c in evaluation.criteria] == [
        "ess",
        "employees_fte",
        "territory",
        "situations",
    ]
    assert not evaluation.near_miss
    assert evaluation.unmet == [] and evaluation.unknown == []


def test_aid_without_criteria_is_eligible_to_everyone():
    evaluation = evaluate(Profile(), Criteria(), TODAY)
    assert evaluation.verdict == AidVerdict.ELIGIBLE
    assert [c.code for c in evaluation.criteria] == ["territory"]


def test_one_unmet_criterion_is_a_near_miss_whatever_remains_unknown():
    profile = Profile(ess=True, employees_fte=Decimal("12"))  # situations unknown
    evaluation = evaluate(profile, DSESS_LIKE, TODAY)
    assert evaluation.verdict == AidVerdict.INELIGIBLE
    assert evaluation.near_miss
    assert [c.code for c in evaluation.unmet] == ["employees_fte"]
    assert [c.code for c in evaluation.unknown] == ["situations"]


def test_two_unmet_criteria_are_not_a_near_miss():
    profile = Profile(ess=False, employees_fte=Decimal("12"), situations=frozenset())
    evaluation = evaluate(profile, DSESS_LIKE, TODAY)
    assert evaluation.verdict == AidVerdict.INELIGIBLE
    assert not evaluation.near_miss
    assert [c.code for c in evaluation.unmet] == ["ess", "employees_fte", "situations"]


def test_missing_data_only_is_to_confirm():
    evaluation = evaluate(Profile(ess=True), DSESS_LIKE, TODAY)
    assert evaluation.verdict == AidVerdict.TO_CONFIRM
    assert not evaluation.near_miss
    assert [c.missing for c in evaluation.unknown] == ["employees_fte", "situations"]


def test_empty_profile_is_never_ineligible():
    everything = Criteria(
        legal_forms=frozenset({"association"}),
        legal_forms_or_esus=True,
        ess_required=True,
        esus_required=True,
        iae_required=True,
        employer_required=True,
        fte_min=Decimal("1"),
        fte_max=Decimal("3"),
        budget_min=Decimal("1000"),
        budget_max=Decimal("5000"),
        public_share_min=Decimal("10"),
        public_share_max=Decimal("90"),
        sectors=frozenset({"culture"}),
        territory=Territory(national=False, communes=frozenset({"23008"})),
        situations_any=frozenset({"dispute"}),
        min_age_years=1,
        max_age_years=10,
    )
    evaluation = evaluate(Profile(), everything, TODAY)
    assert evaluation.verdict == AidVerdict.TO_CONFIRM
    assert {c.verdict for c in evaluation.criteria} == {Verdict.UNKNOWN}
    assert all(c.missing for c in evaluation.criteria)
