"""Eligibility benchmark: one profile against a 10 000-aid catalog, and one aid's targeting over
a million demo structures on PostgreSQL.

    python -m bench eligibility                      # everything, real figures (1 000 000 structures)
    python -m bench.eligibility --structures 50000   # quicker targeting part
    python -m bench.eligibility --part engine        # part A only, no database needed

Part A (engine, pure Python): 10 000 `Criteria` drawn from realistic templates (territory only,
legal forms, ESS + employer, FTE/budget ranges, situations…; national or real region, department,
EPCI, commune codes) and 250 varied profiles. For each profile, the time to evaluate it against the
whole catalog the way the API and the "Mes aides" page do (`engine.Evaluator`), against the
pre-optimisation engine kept below (ORIGINAL_*, the baseline) measured in the same run. A guard
checks that both give equal evaluations (same verdicts, same reasons, same order).

Part A' (database): the same catalog stored as 10 000 published aids; `candidate_aids()` +
`criteria_of` (per-request loading) and the whole `evaluate_aids` request path, timed separately.

Part B (targeting): `load_demo --structures N` (timed), situations declared by ~10 % of the
structures, VACUUM ANALYZE, then for a few realistic aids `eligible_structures()` as count() and as
the full id list (median of 5), against the baseline: load every structure (and its situations)
into Python and run `engine.evaluate` on each. Both selections must be the very same ids.

It runs in its own database, aidess_bench_elig (dropped at the end unless --keep-database), and
writes bench/results/eligibility.json.
"""

import argparse
import csv
import datetime
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "eligibility.json"
TERRITORY_DATA = ROOT / "aidess" / "territories" / "data"
SERVER_URL = "postgres://postgres@127.0.0.1:5432"
DATABASE = "aidess_bench_elig"
TODAY = datetime.date(2026, 3, 2)
GOAL_PROFILE_MS = 20
GOAL_TARGETING_S = 1.5
GOAL_TARGETING_RATIO = 50

sys.path.insert(0, str(ROOT))

from aidess.core.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS  # noqa: E402
from aidess.eligibility import engine  # noqa: E402
from aidess.eligibility.engine import (  # noqa: E402
    AidVerdict,
    Criteria,
    CriterionResult,
    Evaluation,
    Profile,
    Territory,
    Verdict,
)


# --------------------------------------------------------------------------------------------
# BASELINE: a verbatim copy of the engine as it was before the performance work (commit e626281),
# kept here so that every run measures the optimised engine against it, and checks that both
# give the same evaluations. Do not "fix" or optimise this copy.
# --------------------------------------------------------------------------------------------


def ORIGINAL_number(value):
    value = Decimal(value).normalize()
    integer, _, decimals = f"{value:f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", "\u202f")
    return f"{grouped},{decimals}" if decimals else grouped


def ORIGINAL_listing(labels):
    labels = list(labels)
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " ou " + labels[-1]


def ORIGINAL_labels_of(values, vocabulary):
    return [vocabulary.get(value, value).lower() for value in sorted(values)]


def ORIGINAL_result(code, met, reason_met, reason_unmet):
    return CriterionResult(
        code, Verdict.MET if met else Verdict.UNMET, reason_met if met else reason_unmet
    )


def ORIGINAL_unknown(code, reason, missing):
    return CriterionResult(code, Verdict.UNKNOWN, reason, missing)


def ORIGINAL_check_legal_form(profile, criteria):
    allowed = ORIGINAL_labels_of(criteria.legal_forms, LEGAL_FORMS)
    if criteria.legal_forms_or_esus:
        allowed.append("entreprise agréée ESUS")
        if profile.esus:
            return CriterionResult(
                "legal_form", Verdict.MET, "Votre structure est agréée ESUS : elle est concernée."
            )
    if profile.legal_form is None:
        return ORIGINAL_unknown(
            "legal_form",
            f"Ce dispositif est réservé à : {ORIGINAL_listing(allowed)}. "
            "Indiquez votre catégorie juridique.",
            "legal_category",
        )
    label = LEGAL_FORMS.get(profile.legal_form, profile.legal_form).lower()
    return ORIGINAL_result(
        "legal_form",
        profile.legal_form in criteria.legal_forms,
        f"Votre forme juridique ({label}) est acceptée.",
        f"Votre forme juridique ({label}) n'est pas acceptée : ce dispositif est réservé à "
        f"{ORIGINAL_listing(allowed)}.",
    )


def ORIGINAL_check_flag(code, value, singular, plural, missing):
    if value is None:
        return ORIGINAL_unknown(
            code, f"Ce dispositif est réservé aux {plural} : précisez-le.", missing
        )
    return ORIGINAL_result(
        code,
        value,
        f"Votre structure est bien {singular}.",
        f"Ce dispositif est réservé aux {plural} ; votre structure n'en fait pas partie.",
    )


def ORIGINAL_check_range(code, value, low, high, unit, subject, missing):
    if value is None:
        bounds = ORIGINAL_describe_bounds(low, high, unit)
        return ORIGINAL_unknown(code, f"Ce dispositif est réservé aux structures {bounds}.", missing)
    if low is not None and value < low:
        return CriterionResult(
            code,
            Verdict.UNMET,
            f"Votre structure {subject(value)} ; ce dispositif est réservé aux structures "
            f"de {ORIGINAL_number(low)} {unit} au moins.",
        )
    if high is not None and value > high:
        return CriterionResult(
            code,
            Verdict.UNMET,
            f"Votre structure {subject(value)} ; ce dispositif est réservé aux structures "
            f"de {ORIGINAL_number(high)} {unit} au plus.",
        )
    return CriterionResult(
        code,
        Verdict.MET,
        f"Votre structure {subject(value)} : c'est dans les limites du dispositif "
        f"({ORIGINAL_describe_bounds(low, high, unit)}).",
    )


def ORIGINAL_describe_bounds(low, high, unit):
    if low is not None and high is not None:
        return f"de {ORIGINAL_number(low)} à {ORIGINAL_number(high)} {unit}"
    if low is not None:
        return f"de {ORIGINAL_number(low)} {unit} au moins"
    return f"de {ORIGINAL_number(high)} {unit} au plus"


def ORIGINAL_check_employer(profile):
    if profile.employees_fte is None:
        return ORIGINAL_unknown(
            "employer",
            "Ce dispositif est réservé aux structures employeuses : indiquez vos salariés (ETP).",
            "employees_fte",
        )
    return ORIGINAL_result(
        "employer",
        profile.employees_fte > 0,
        "Votre structure est employeuse.",
        "Ce dispositif est réservé aux structures employeuses ; votre structure n'a pas de "
        "salarié déclaré.",
    )


def ORIGINAL_check_sector(profile, criteria):
    allowed = ORIGINAL_listing(ORIGINAL_labels_of(criteria.sectors, SECTORS))
    if profile.sector is None:
        return ORIGINAL_unknown(
            "sector", f"Ce dispositif vise les secteurs : {allowed}. Indiquez le vôtre.", "sector"
        )
    label = SECTORS.get(profile.sector, profile.sector).lower()
    return ORIGINAL_result(
        "sector",
        profile.sector in criteria.sectors,
        f"Votre secteur ({label}) est visé par le dispositif.",
        f"Votre secteur ({label}) n'est pas visé : ce dispositif concerne {allowed}.",
    )


def ORIGINAL_check_territory(profile, territory):
    if territory.national:
        return CriterionResult("territory", Verdict.MET, "Dispositif ouvert sur toute la France.")
    inside = (
        profile.commune_code in territory.communes
        or profile.epci_code in territory.epcis
        or profile.department_code in territory.departments
        or profile.region_code in territory.regions
    )
    if inside:
        return CriterionResult(
            "territory", Verdict.MET, "Votre siège est dans le territoire du dispositif."
        )
    local_only = territory.communes or territory.epcis
    if profile.commune_code is None and (profile.department_code is None or local_only):
        return ORIGINAL_unknown(
            "territory",
            "Ce dispositif est limité à certains territoires : indiquez la commune de votre siège.",
            "commune",
        )
    return CriterionResult(
        "territory",
        Verdict.UNMET,
        "Votre siège est hors du territoire du dispositif ; il faudrait être implanté sur son "
        "territoire.",
    )


def ORIGINAL_check_situations(profile, criteria):
    wanted = ORIGINAL_listing(ORIGINAL_labels_of(criteria.situations_any, SITUATIONS))
    if profile.situations is None:
        return ORIGINAL_unknown(
            "situations",
            f"Ce dispositif s'adresse aux structures en difficulté ({wanted}) : faites votre "
            "autodiagnostic.",
            "situations",
        )
    shared = profile.situations & criteria.situations_any
    return ORIGINAL_result(
        "situations",
        bool(shared),
        f"Votre situation correspond : {ORIGINAL_listing(ORIGINAL_labels_of(shared, SITUATIONS))}.",
        f"Ce dispositif s'adresse aux structures qui connaissent : {wanted} ; ce n'est pas "
        "votre situation déclarée.",
    )


def ORIGINAL_age_in_years(creation_date, today):
    years = today.year - creation_date.year
    return years - ((today.month, today.day) < (creation_date.month, creation_date.day))


def ORIGINAL_check_age(profile, criteria, today):
    bounds = ORIGINAL_describe_bounds(
        criteria.min_age_years, criteria.max_age_years, "ans d'existence"
    )
    if profile.creation_date is None:
        return ORIGINAL_unknown(
            "age",
            f"Ce dispositif est réservé aux structures {bounds} : indiquez votre date de création.",
            "creation_date",
        )
    return ORIGINAL_check_range(
        "age",
        ORIGINAL_age_in_years(profile.creation_date, today),
        criteria.min_age_years,
        criteria.max_age_years,
        "ans d'existence",
        lambda years: f"a {ORIGINAL_number(years)} ans",
        "creation_date",
    )


def ORIGINAL_evaluate(profile, criteria, today):
    """engine.evaluate before the performance work."""
    results = []
    if criteria.legal_forms or criteria.legal_forms_or_esus:
        results.append(ORIGINAL_check_legal_form(profile, criteria))
    if criteria.ess_required:
        results.append(
            ORIGINAL_check_flag(
                "ess", profile.ess, "une structure de l'ESS", "structures de l'ESS", "ess"
            )
        )
    if criteria.esus_required:
        results.append(
            ORIGINAL_check_flag(
                "esus", profile.esus, "agréée ESUS", "entreprises agréées ESUS", "esus"
            )
        )
    if criteria.iae_required:
        results.append(
            ORIGINAL_check_flag(
                "iae", profile.iae, "une structure de l'IAE", "structures de l'IAE", "iae"
            )
        )
    if criteria.employer_required:
        results.append(ORIGINAL_check_employer(profile))
    if criteria.fte_min is not None or criteria.fte_max is not None:
        results.append(
            ORIGINAL_check_range(
                "employees_fte",
                profile.employees_fte,
                criteria.fte_min,
                criteria.fte_max,
                "ETP",
                lambda fte: f"compte {ORIGINAL_number(fte)} ETP",
                "employees_fte",
            )
        )
    if criteria.budget_min is not None or criteria.budget_max is not None:
        results.append(
            ORIGINAL_check_range(
                "annual_budget",
                profile.annual_budget_eur,
                criteria.budget_min,
                criteria.budget_max,
                "€ de budget annuel",
                lambda budget: f"a un budget annuel de {ORIGINAL_number(budget)} €",
                "annual_budget_eur",
            )
        )
    if criteria.public_share_min is not None or criteria.public_share_max is not None:
        results.append(
            ORIGINAL_check_range(
                "public_funding_share",
                profile.public_funding_share,
                criteria.public_share_min,
                criteria.public_share_max,
                "% de financements publics",
                lambda share: f"reçoit {ORIGINAL_number(share)} % de financements publics",
                "public_funding_share",
            )
        )
    if criteria.sectors:
        results.append(ORIGINAL_check_sector(profile, criteria))
    results.append(ORIGINAL_check_territory(profile, criteria.territory))
    if criteria.situations_any:
        results.append(ORIGINAL_check_situations(profile, criteria))
    if criteria.min_age_years is not None or criteria.max_age_years is not None:
        results.append(ORIGINAL_check_age(profile, criteria, today))
    verdicts = {item.verdict for item in results}
    if Verdict.UNMET in verdicts:
        verdict = AidVerdict.INELIGIBLE
    elif Verdict.UNKNOWN in verdicts:
        verdict = AidVerdict.TO_CONFIRM
    else:
        verdict = AidVerdict.ELIGIBLE
    return Evaluation(verdict, tuple(results))


ORIGINAL_VERDICT_ORDER = {AidVerdict.ELIGIBLE: 0, AidVerdict.TO_CONFIRM: 1, AidVerdict.INELIGIBLE: 2}


def ORIGINAL_evaluate_aids(profile, aids, today, include_closed=False):
    """service.evaluate_aids before the performance work (AidResult is the service's)."""
    from aidess.eligibility.models import criteria_of
    from aidess.eligibility.service import AidResult

    results = []
    for aid in aids:
        is_open = aid.is_open(today)
        if not is_open and not include_closed:
            continue
        results.append(AidResult(aid, ORIGINAL_evaluate(profile, criteria_of(aid), today), is_open))
    results.sort(
        key=lambda item: (ORIGINAL_VERDICT_ORDER[item.verdict], not item.is_open, item.aid.name)
    )
    return results


# --------------------------------------------------------------------------------------------
# Synthetic catalog and profiles (random.Random(seed): every run draws the same ones)
# --------------------------------------------------------------------------------------------


def read_csv(name):
    with open(TERRITORY_DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Places:
    """Real codes from the COG files shipped with the project (no database needed)."""

    def __init__(self):
        self.regions = [row["code"] for row in read_csv("regions.csv")]
        self.departments = [row["code"] for row in read_csv("departements.csv")]
        self.communes = [
            row
            for row in read_csv("communes.csv")
            if row["type"] == "COM" and row["departement_code"] and row["epci_siren"]
        ]
        self.weights = [int(row["population_municipale"] or 0) + 1 for row in self.communes]
        self.epcis = sorted({row["epci_siren"] for row in self.communes})

    def commune(self, rng):
        return rng.choices(self.communes, weights=self.weights)[0]


LEGAL_FORM_SETS = [
    # What imported aids' audiences become ("Associations", "Associations, Entreprises privées"…)
    ({"association", "foundation"}, 40),
    ({"association", "foundation", "cooperative", "mutual", "commercial_company"}, 20),
    ({"association"}, 15),
    ({"cooperative", "mutual", "commercial_company"}, 8),
    ({"cooperative"}, 7),
    ({"association", "cooperative"}, 10),
]
FTE_RANGES = [(None, Decimal(3)), (None, Decimal(10)), (Decimal(1), None), (None, Decimal(50))]
FTE_RANGES += [(Decimal(1), Decimal(250)), (Decimal("0.5"), Decimal(20)), (None, Decimal(250))]
BUDGET_RANGES = [(Decimal(200_000), None), (None, Decimal(500_000)), (Decimal(50_000), None)]
BUDGET_RANGES += [(Decimal(100_000), Decimal(2_000_000)), (None, Decimal(1_500_000))]
SHARE_RANGES = [(Decimal(30), None), (None, Decimal(80)), (Decimal(20), Decimal(90))]
AGE_RANGES = [(1, None), (None, 3), (2, None), (None, 5), (1, 10)]


def weighted(rng, pairs):
    return rng.choices([item for item, _ in pairs], weights=[weight for _, weight in pairs])[0]


def some(rng, values, low, high):
    return frozenset(rng.sample(values, rng.randint(low, high)))


def random_territory(rng, places):
    kind = weighted(
        rng,
        [("national", 15), ("region", 30), ("department", 40), ("epci", 10), ("commune", 5)],
    )
    if kind == "national":
        return Territory()
    if kind == "region":
        return Territory(national=False, regions=some(rng, places.regions, 1, 1))
    if kind == "department":
        return Territory(national=False, departments=some(rng, places.departments, 1, 3))
    if kind == "epci":
        return Territory(national=False, epcis=some(rng, places.epcis, 1, 2))
    codes = frozenset(places.commune(rng)["code_insee"] for _ in range(rng.randint(1, 4)))
    return Territory(national=False, communes=codes)


def random_sectors(rng, chance):
    return some(rng, list(SECTORS), 1, 3) if rng.random() < chance else frozenset()


def random_criteria(rng, places):
    """One aid's criteria, from the kinds of conditions real ESS aids have."""
    template = weighted(
        rng,
        [
            ("territory", 25),
            ("legal_forms", 30),
            ("ess_employer", 10),
            ("size", 15),
            ("situations", 7),
            ("esus_iae", 5),
            ("share_age", 8),
        ],
    )
    territory = random_territory(rng, places)
    fields = {"territory": territory}
    if template == "territory":
        fields["sectors"] = random_sectors(rng, 0.5)
    elif template == "legal_forms":
        fields["legal_forms"] = frozenset(weighted(rng, LEGAL_FORM_SETS))
        fields["sectors"] = random_sectors(rng, 0.4)
    elif template == "ess_employer":
        fields.update(ess_required=True, employer_required=True)
        if rng.random() < 0.5:
            fields["legal_forms"] = frozenset({"association"})
        fields["sectors"] = random_sectors(rng, 0.3)
    elif template == "size":
        fields["ess_required"] = rng.random() < 0.5
        if rng.random() < 0.7:
            fields["fte_min"], fields["fte_max"] = rng.choice(FTE_RANGES)
        if rng.random() < 0.6 or "fte_min" not in fields:
            fields["budget_min"], fields["budget_max"] = rng.choice(BUDGET_RANGES)
        if rng.random() < 0.4:
            fields["legal_forms"] = frozenset(weighted(rng, LEGAL_FORM_SETS))
    elif template == "situations":
        fields.update(
            ess_required=True,
            situations_any=some(rng, list(SITUATIONS), 1, 4),
            fte_max=rng.choice([None, Decimal(3), Decimal(10)]),
        )
    elif template == "esus_iae":
        variant = rng.choice(["esus", "iae", "or_esus"])
        if variant == "esus":
            fields["esus_required"] = True
        elif variant == "iae":
            fields.update(iae_required=True, sectors=frozenset({"employment_insertion"}))
        else:
            fields.update(legal_forms=frozenset({"association"}), legal_forms_or_esus=True)
            fields["budget_min"] = rng.choice([None, Decimal(200_000)])
    else:
        if rng.random() < 0.6:
            fields["public_share_min"], fields["public_share_max"] = rng.choice(SHARE_RANGES)
        if rng.random() < 0.7 or "public_share_min" not in fields:
            fields["min_age_years"], fields["max_age_years"] = rng.choice(AGE_RANGES)
        fields["sectors"] = random_sectors(rng, 0.3)
    return Criteria(**fields)


def random_profile(rng, places):
    """A structure as the API / simulation / "Mes aides" see it, with gaps here and there."""

    def maybe(value, chance_missing):
        return None if rng.random() < chance_missing else value

    place = places.commune(rng)
    where = rng.random()
    codes = {
        "commune_code": place["code_insee"],
        "epci_code": place["epci_siren"],
        "department_code": place["departement_code"],
        "region_code": place["region_code"],
    }
    if where < 0.1:  # simulation with a department only
        codes.update(commune_code=None, epci_code=None)
    elif where < 0.15:  # no place at all
        codes = {}
    fte = Decimal(str(round(min(rng.lognormvariate(1.0, 1.2), 400), 1)))
    if rng.random() < 0.15:
        fte = Decimal(0)
    budget = (fte * rng.randint(38_000, 62_000) + rng.randint(5_000, 40_000)).quantize(Decimal(1))
    situations = rng.random()
    if situations < 0.55:
        declared = None
    elif situations < 0.7:
        declared = frozenset()
    else:
        declared = some(rng, list(SITUATIONS), 1, 3)
    return Profile(
        legal_form=maybe(rng.choice(list(LEGAL_FORMS)), 0.1),
        ess=maybe(rng.random() < 0.85, 0.1),
        esus=maybe(rng.random() < 0.1, 0.2),
        iae=maybe(rng.random() < 0.08, 0.2),
        employees_fte=maybe(fte, 0.1),
        annual_budget_eur=maybe(budget, 0.15),
        public_funding_share=maybe(Decimal(rng.randint(0, 95)), 0.3),
        sector=maybe(rng.choice(list(SECTORS)), 0.1),
        situations=declared,
        creation_date=maybe(datetime.date(rng.randint(1950, 2025), rng.randint(1, 12), 1), 0.2),
        **codes,
    )


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary_ms(seconds):
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 3),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 3),
        "min_ms": round(min(seconds) * 1000, 3),
        "max_ms": round(max(seconds) * 1000, 3),
        "runs": len(seconds),
    }


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - started, value


def say(text=""):
    print(text, flush=True)
