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
structures, VACUUM ANALYZE, then for a few realistic aids `eligible_structures()` as count(), as
the full id list and as the providers' page queries (median of 5), against the baseline: load every
structure (and its situations) into Python and run `engine.evaluate` on each. Both selections must
be the very same ids.

It runs in its own database, aidess_bench_elig (dropped at the end unless --keep-database), and
writes bench/results/eligibility.json.
"""

import argparse
import csv
import datetime
import gc
import itertools
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
# The server of BENCH_POSTGRES_URL (bench/__main__.py's variable) when set, without its database.
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SERVER_URL = SERVER_URL.split("://", 1)[0] + "://" + SERVER_URL.split("://", 1)[1].split("/")[0]
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
# BASELINE: a copy of the engine as it was before the performance work (commit e626281, plus the
# later wording and rule changes: ESUS rule of d1e9180, "et" and "1 an" of c2a61e9), kept so
# that every run measures the optimised engine against it, and checks that both give the same
# evaluations. Do not optimise this copy; when the engine's
# behaviour changes on purpose, change it here the same way.
# --------------------------------------------------------------------------------------------


def ORIGINAL_number(value):
    value = Decimal(value).normalize()
    integer, _, decimals = f"{value:f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", "\u202f")
    return f"{grouped},{decimals}" if decimals else grouped


def ORIGINAL_listing(labels, conjunction="ou"):
    labels = list(labels)
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + f" {conjunction} " + labels[-1]


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
    if (
        criteria.legal_forms_or_esus
        and profile.esus is None
        and profile.legal_form not in criteria.legal_forms
    ):  # behaviour fix made while this bench was written (d1e9180), carried over here
        return ORIGINAL_unknown(
            "legal_form",
            f"Votre forme juridique ({label}) n'est acceptée que si votre structure est agréée "
            "ESUS : précisez-le.",
            "esus",
        )
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
        return ORIGINAL_unknown(
            code, f"Ce dispositif est réservé aux structures {bounds}.", missing
        )
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
        f"Votre situation correspond : "
        f"{ORIGINAL_listing(ORIGINAL_labels_of(shared, SITUATIONS), 'et')}.",
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
        lambda years: f"a {ORIGINAL_number(years)} an{'s' if years > 1 else ''}",
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


ORIGINAL_VERDICT_ORDER = {
    AidVerdict.ELIGIBLE: 0,
    AidVerdict.TO_CONFIRM: 1,
    AidVerdict.INELIGIBLE: 2,
}


def ORIGINAL_evaluate_aids(profile, aids, today, include_closed=False):
    """service.evaluate_aids before the performance work (AidResult is the service's)."""
    from aidess.eligibility.service import AidResult

    results = []
    for aid in aids:
        is_open = aid.is_open(today)
        if not is_open and not include_closed:
            continue
        results.append(
            AidResult(aid, ORIGINAL_evaluate(profile, aid.engine_criteria, today), is_open)
        )
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
        self.cumulated = list(
            itertools.accumulate(
                int(row["population_municipale"] or 0) + 1 for row in self.communes
            )
        )
        self.epcis = sorted({row["epci_siren"] for row in self.communes})

    def commune(self, rng):
        """A commune drawn by population, as structures are."""
        return rng.choices(self.communes, cum_weights=self.cumulated)[0]


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


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def say(text=""):
    print(text, flush=True)


def load_average():
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


# --------------------------------------------------------------------------------------------
# Part A: one profile against the catalog (pure Python)
# --------------------------------------------------------------------------------------------


def fuzz_criteria(rng, places):
    """Any combination of conditions, with edge values: the equivalence guard's inputs."""

    def bound(values):
        return rng.choice(values) if rng.random() < 0.3 else None

    fte = [Decimal(0), Decimal("0.5"), Decimal(1), Decimal(3), Decimal("2.5"), Decimal(50)]
    money = [Decimal(0), Decimal(50_000), Decimal("200000.00"), Decimal(1_000_000)]
    shares = [Decimal(0), Decimal(30), Decimal("50.5"), Decimal(100)]
    ages = [0, 1, 3, 10, 75]
    territory = random_territory(rng, places)
    if rng.random() < 0.2:  # mixed territories
        territory = Territory(
            national=False,
            regions=some(rng, places.regions, 0, 1),
            departments=some(rng, places.departments, 0, 2),
            epcis=some(rng, places.epcis, 0, 1),
            communes=frozenset(places.commune(rng)["code_insee"] for _ in range(rng.randint(0, 2))),
        )
    return Criteria(
        legal_forms=some(rng, list(LEGAL_FORMS), 0, 3) if rng.random() < 0.5 else frozenset(),
        legal_forms_or_esus=rng.random() < 0.2,
        ess_required=rng.random() < 0.3,
        esus_required=rng.random() < 0.15,
        iae_required=rng.random() < 0.15,
        employer_required=rng.random() < 0.3,
        fte_min=bound(fte),
        fte_max=bound(fte),
        budget_min=bound(money),
        budget_max=bound(money),
        public_share_min=bound(shares),
        public_share_max=bound(shares),
        sectors=some(rng, list(SECTORS), 0, 3) if rng.random() < 0.4 else frozenset(),
        territory=territory,
        situations_any=some(rng, list(SITUATIONS), 0, 3) if rng.random() < 0.3 else frozenset(),
        min_age_years=bound(ages),
        max_age_years=bound(ages),
    )


def check_equivalence(rng, places, catalog, profiles):
    """Optimised engine == original engine: `evaluate` alone and an Evaluator shared by all the
    aids of a profile (what the service does), on the catalog and on fuzzed criteria and
    profiles. Returns the number of differences (0 expected)."""
    fuzzed = [fuzz_criteria(rng, places) for _ in range(3000)]
    extra = [random_profile(rng, places) for _ in range(40)]
    extra += [Profile(), Profile(esus=None, legal_form="cooperative"), Profile(esus=True)]
    differences = 0
    checked = 0
    for profile in profiles[:40] + extra:
        for criteria_list in (catalog, fuzzed):
            evaluator = engine.Evaluator(profile, TODAY)
            for criteria in criteria_list:
                expected = ORIGINAL_evaluate(profile, criteria, TODAY)
                shared = evaluator.evaluate(criteria)
                alone = engine.evaluate(profile, criteria, TODAY)
                checked += 1
                if shared != expected or alone != expected:
                    differences += 1
                    if differences <= 3:
                        say(f"  DIFFÉRENCE\n    {profile}\n    {criteria}")
                        say(f"    attendu {expected}\n    obtenu  {shared}\n    seul    {alone}")
    return checked, differences


def engine_part(args):
    say(f"== A. Un profil face à {args.aids} aides (moteur seul, sans base) ==")
    places = Places()
    rng = random.Random(args.seed)
    catalog = [random_criteria(rng, places) for _ in range(args.aids)]
    profiles = [random_profile(rng, places) for _ in range(args.profiles)]
    distinct = len(set(catalog))
    distinct_other = len({engine.other_than_territory(criteria) for criteria in catalog})
    say(
        f"Catalogue : {len(catalog)} aides, {distinct} critères distincts, {distinct_other} "
        f"distincts hors territoire ; {len(profiles)} profils."
    )

    started = time.perf_counter()
    checked, differences = check_equivalence(rng, places, catalog, profiles)
    say(
        f"Garde d'équivalence : {checked} évaluations comparées au moteur d'origine, "
        f"{differences} différence(s) ({time.perf_counter() - started:.1f} s)."
    )

    def optimised(profile):  # what service.evaluate_aids does, without the Aid objects
        evaluate = engine.Evaluator(profile, TODAY).evaluate
        return [evaluate(criteria) for criteria in catalog]

    def single(profile):  # engine.evaluate called aid by aid
        return [engine.evaluate(profile, criteria, TODAY) for criteria in catalog]

    def original(profile):  # BASELINE: the engine before the performance work
        return [ORIGINAL_evaluate(profile, criteria, TODAY) for criteria in catalog]

    runs = {"optimised": optimised, "evaluate_alone": single, "original": original}
    samples = {name: [] for name in runs}
    for profile in profiles[:5]:  # warm-up
        for run in runs.values():
            run(profile)
    load_before = load_average()
    cpu = {name: [] for name in runs}
    for profile in profiles:  # interleaved, so that machine noise hits every variant alike
        for name, run in runs.items():
            gc.collect()
            cpu_started, started = time.process_time(), time.perf_counter()
            run(profile)
            samples[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - cpu_started)
    figures = {name: summary_ms(values) for name, values in samples.items()}
    cpu_figures = {name: summary_ms(values) for name, values in cpu.items()}
    ratio = figures["original"]["median_ms"] / figures["optimised"]["median_ms"]
    say("  par profil (horloge murale ; entre parenthèses, temps CPU du processus) :")
    for name, label in [
        ("optimised", "Evaluator (service)"),
        ("evaluate_alone", "evaluate() aide par aide"),
        ("original", "moteur d'origine (référence)"),
    ]:
        figure, cpu_figure = figures[name], cpu_figures[name]
        say(
            f"  {label:30} médiane {figure['median_ms']:7.2f} ms ({cpu_figure['median_ms']:6.2f})"
            f"   p95 {figure['p95_ms']:7.2f} ms ({cpu_figure['p95_ms']:6.2f})"
        )
    met = figures["optimised"]["median_ms"] <= GOAL_PROFILE_MS and differences == 0
    met_cpu = cpu_figures["optimised"]["median_ms"] <= GOAL_PROFILE_MS and differences == 0
    say(
        f"  rapport référence / optimisé (médianes) : ×{ratio:.1f} ; objectif ≤ "
        f"{GOAL_PROFILE_MS} ms par profil (médiane) : {'atteint' if met else 'NON atteint'} en "
        f"horloge murale, {'atteint' if met_cpu else 'NON atteint'} en temps CPU ; charge de "
        f"la machine {load_average()}"
    )
    return {
        "aids": len(catalog),
        "profiles": len(profiles),
        "distinct_criteria": distinct,
        "distinct_criteria_other_than_territory": distinct_other,
        "per_profile": figures,
        "per_profile_cpu_time": cpu_figures,
        "ratio_original_to_optimised_median": round(ratio, 2),
        "ratio_original_to_optimised_p95": round(
            figures["original"]["p95_ms"] / figures["optimised"]["p95_ms"], 2
        ),
        "equivalence": {"evaluations_compared": checked, "differences": differences},
        "goal_ms": GOAL_PROFILE_MS,
        "goal_met": met,
        "goal_met_in_cpu_time": met_cpu,
        "load_average_before_timing": load_before,
    }, (catalog, profiles)


# --------------------------------------------------------------------------------------------
# Database: its own PostgreSQL database, Django configured for it before setup
# --------------------------------------------------------------------------------------------


def configure_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DEBUG"] = "false"  # no query log: bulk inserts of a million rows
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection

    assert connection.settings_dict["NAME"] == DATABASE, connection.settings_dict["NAME"]


def server_execute(server_url, *statements):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        return [server.execute(statement).fetchall() for statement in statements]


def database_exists(server_url):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        return found.fetchone() is not None


def recreate_database(server_url):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database(server_url):
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def quiet_command(*args, **options):
    import io

    from django.core.management import call_command

    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO(), **options)


def prepare_database(args):
    """Fresh database, schema and reference data (territories, nomenclatures); times."""
    figures = {}
    if args.reuse_database and database_exists(args.server_url):
        configure_django(f"{args.server_url}/{DATABASE}")
        say(f"Base {DATABASE} réutilisée (--reuse-database).")
        return figures, True
    recreate_database(args.server_url)
    configure_django(f"{args.server_url}/{DATABASE}")
    figures["migrate_s"], _ = timed(quiet_command, "migrate", interactive=False)
    figures["load_reference_data_s"], _ = timed(quiet_command, "load_reference_data")
    say(
        f"Base {DATABASE} créée : migrate {figures['migrate_s']:.1f} s, load_reference_data "
        f"{figures['load_reference_data_s']:.1f} s."
    )
    return figures, False


# --------------------------------------------------------------------------------------------
# Part A': the same catalog stored as aids; what a request loads, and the whole request
# --------------------------------------------------------------------------------------------

AID_WORDS = ["Fonds", "Dispositif", "Programme", "Appel à projets", "Prêt", "Soutien", "Pass"]
AID_THEMES = ["trésorerie", "emploi associatif", "insertion", "culture", "transition écologique"]
AID_THEMES += ["vie associative", "investissement", "numérique", "relance", "tiers-lieux"]


def store_catalog(catalog, rng):
    """One published aid per criteria (3 % past their closing date, 2 % closed), with criteria,
    sectors and territories in their tables. Returns {slug: criteria}."""
    from aidess.aids.enums import AidKind, AidSource, AidStatus
    from aidess.aids.models import Aid, AidSector
    from aidess.eligibility.models import AidCriteria

    Aid.objects.filter(slug__startswith="bench-elig-").delete()
    aids, expected = [], {}
    for number, criteria in enumerate(catalog):
        state = rng.random()
        slug = f"bench-elig-{number:05d}"
        aids.append(
            Aid(
                name=f"{rng.choice(AID_WORDS)} {rng.choice(AID_THEMES)} {rng.randint(1, 400)}",
                slug=slug,
                short_description="Aide du banc d'essai d'éligibilité.",
                kind=rng.choice(list(AidKind)),
                source=AidSource.PROVIDER,
                status=AidStatus.CLOSED if 0.03 <= state < 0.05 else AidStatus.PUBLISHED,
                closing_date=TODAY - datetime.timedelta(days=30) if state < 0.03 else None,
                is_national=criteria.territory.national,
            )
        )
        expected[slug] = criteria
    Aid.objects.bulk_create(aids, batch_size=2000)
    stored, sectors, links = [], [], {"regions": [], "departments": [], "epcis": [], "communes": []}
    through = {name: getattr(Aid, name).through for name in links}
    columns = {"regions": "region_id", "departments": "department_id", "epcis": "epci_id"}
    columns["communes"] = "commune_id"
    for aid, criteria in zip(aids, catalog, strict=True):
        stored.append(
            AidCriteria(
                aid=aid,
                legal_forms=sorted(criteria.legal_forms),
                legal_forms_or_esus=criteria.legal_forms_or_esus,
                ess_required=criteria.ess_required,
                esus_required=criteria.esus_required,
                iae_required=criteria.iae_required,
                employer_required=criteria.employer_required,
                fte_min=criteria.fte_min,
                fte_max=criteria.fte_max,
                budget_min=criteria.budget_min,
                budget_max=criteria.budget_max,
                public_share_min=criteria.public_share_min,
                public_share_max=criteria.public_share_max,
                situations_any=sorted(criteria.situations_any),
                min_age_years=criteria.min_age_years,
                max_age_years=criteria.max_age_years,
            )
        )
        sectors += [AidSector(aid=aid, sector=sector) for sector in sorted(criteria.sectors)]
        for name, column in columns.items():
            for code in sorted(getattr(criteria.territory, name)):
                links[name].append(through[name](aid_id=aid.pk, **{column: code}))
    AidCriteria.objects.bulk_create(stored, batch_size=2000)
    AidSector.objects.bulk_create(sectors, batch_size=5000)
    for name, rows in links.items():
        through[name].objects.bulk_create(rows, batch_size=5000)
    return expected


def flat_candidates(include_closed=False):
    """PROPOSAL, not app code: candidate aids without the five prefetch_related (Django builds a
    related manager and a queryset per aid and relation: most of the request's time), their
    sectors and territory codes read by five flat queries instead. Returns [(aid, criteria)],
    criteria equal to criteria_of(aid) (checked by the bench)."""
    from collections import defaultdict

    from aidess.aids.enums import AidStatus
    from aidess.aids.models import Aid, AidSector
    from aidess.eligibility.models import legal_forms_of_beneficiaries

    statuses = [AidStatus.PUBLISHED, AidStatus.CLOSED] if include_closed else [AidStatus.PUBLISHED]
    candidates = Aid.objects.filter(status__in=statuses)
    aids = list(candidates.select_related("criteria").order_by("name", "pk"))
    chosen = candidates.values("pk")

    def codes(model, column):
        found = defaultdict(set)
        rows = model.objects.filter(aid__in=chosen).values_list("aid_id", column)
        for aid_id, code in rows.iterator(chunk_size=10_000):
            found[aid_id].add(code)
        return found

    sectors = codes(AidSector, "sector")
    regions = codes(Aid.regions.through, "region_id")
    departments = codes(Aid.departments.through, "department_id")
    epcis = codes(Aid.epcis.through, "epci_id")
    communes = codes(Aid.communes.through, "commune_id")
    empty = frozenset()
    pairs = []
    for aid in aids:
        pk = aid.pk
        territory = Territory(
            national=aid.is_national,
            regions=frozenset(regions.get(pk, empty)),
            departments=frozenset(departments.get(pk, empty)),
            epcis=frozenset(epcis.get(pk, empty)),
            communes=frozenset(communes.get(pk, empty)),
        )
        stored = getattr(aid, "criteria", None)
        if stored is None:
            criteria = Criteria(
                legal_forms=legal_forms_of_beneficiaries(aid.beneficiaries),
                sectors=frozenset(sectors.get(pk, empty)),
                territory=territory,
            )
        else:
            criteria = Criteria(
                legal_forms=frozenset(stored.legal_forms),
                legal_forms_or_esus=stored.legal_forms_or_esus,
                ess_required=stored.ess_required,
                esus_required=stored.esus_required,
                iae_required=stored.iae_required,
                employer_required=stored.employer_required,
                fte_min=stored.fte_min,
                fte_max=stored.fte_max,
                budget_min=stored.budget_min,
                budget_max=stored.budget_max,
                public_share_min=stored.public_share_min,
                public_share_max=stored.public_share_max,
                sectors=frozenset(sectors.get(pk, empty)),
                territory=territory,
                situations_any=frozenset(stored.situations_any),
                min_age_years=stored.min_age_years,
                max_age_years=stored.max_age_years,
            )
        pairs.append((aid, criteria))
    return pairs


def result_rows(results):
    return [(item.aid.pk, item.is_open, item.evaluation) for item in results]


def catalog_database_part(args, catalog, profiles):
    from django.db import connection

    from aidess.eligibility.service import candidate_aids, evaluate_aids

    say(f"== A'. Le même catalogue en base ({len(catalog)} aides publiées) ==")
    rng = random.Random(args.seed + 1)
    seconds, expected = timed(store_catalog, catalog, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(f"Catalogue enregistré en {seconds:.1f} s.")

    aids = list(candidate_aids())
    mismatched = sum(aid.engine_criteria != expected[aid.slug] for aid in aids)
    say(f"criteria_of() relu en base = critères générés : {len(aids) - mismatched}/{len(aids)}.")

    load, build = [], []
    for _ in range(6):
        aids = None
        gc.collect()
        seconds, aids = timed(lambda: list(candidate_aids()))
        load.append(seconds)
        gc.collect()
        seconds, _ = timed(lambda loaded=aids: [aid.engine_criteria for aid in loaded])
        build.append(seconds)
    load, build = load[1:], build[1:]  # the first run warms the caches

    flat = []
    for _ in range(6):
        gc.collect()
        seconds, pairs = timed(flat_candidates)
        flat.append(seconds)
    flat = flat[1:]
    by_pk = {aid.pk: aid for aid in aids}
    flat_mismatched = sum(by_pk[aid.pk].engine_criteria != criteria for aid, criteria in pairs)
    flat_mismatched += len(pairs) != len(aids)

    sample = profiles[: args.request_profiles]
    differences = 0
    for profile in sample[:10]:
        for include_closed in (False, True):
            new = evaluate_aids(profile, aids, TODAY, include_closed)
            old = ORIGINAL_evaluate_aids(profile, aids, TODAY, include_closed)
            differences += result_rows(new) != result_rows(old)
    say(f"Garde : evaluate_aids = version d'origine (ordre compris) : {differences} écart(s).")
    say(f"Proposition de chargement à plat : {flat_mismatched} critère(s) différent(s).")

    in_memory, original, whole = [], [], []
    for profile in sample:  # interleaved
        gc.collect()
        in_memory.append(timed(evaluate_aids, profile, aids, TODAY)[0])
        gc.collect()
        original.append(timed(ORIGINAL_evaluate_aids, profile, aids, TODAY)[0])
    for profile in sample[:5]:
        gc.collect()
        whole.append(timed(lambda p=profile: evaluate_aids(p, candidate_aids(), TODAY))[0])
    figures = {
        "proposal_flat_load_with_criteria": summary_ms(flat),
        "proposal_flat_criteria_mismatches": flat_mismatched,
        "candidate_aids_load": summary_ms(load),
        "criteria_of_all": summary_ms(build),
        "evaluate_aids_loaded_aids": summary_ms(in_memory),
        "evaluate_aids_loaded_aids_original": summary_ms(original),
        "request_path_load_and_evaluate": summary_ms(whole),
        "criteria_of_mismatches": mismatched,
        "evaluate_aids_differences": differences,
        "aids_loaded": len(aids),
    }
    figures["evaluate_aids_ratio_original_to_optimised"] = round(
        figures["evaluate_aids_loaded_aids_original"]["median_ms"]
        / figures["evaluate_aids_loaded_aids"]["median_ms"],
        2,
    )
    for key, label in [
        ("candidate_aids_load", "candidate_aids() chargé (requête + prefetch)"),
        ("criteria_of_all", f"criteria_of() des {len(aids)} aides"),
        ("evaluate_aids_loaded_aids", "evaluate_aids() (criteria_of + moteur + tri)"),
        ("evaluate_aids_loaded_aids_original", "  même chose, version d'origine"),
        ("request_path_load_and_evaluate", "requête complète (chargement + évaluation)"),
        ("proposal_flat_load_with_criteria", "PROPOSITION : aides + critères en 6 requêtes"),
    ]:
        figure = figures[key]
        say(f"  {label:48} médiane {figure['median_ms']:8.1f} ms   p95 {figure['p95_ms']:8.1f} ms")
    return figures


# --------------------------------------------------------------------------------------------
# Part B: targeting one aid's criteria over the demo structures
# --------------------------------------------------------------------------------------------

TARGETS = [
    (
        "dsess",
        "type DSESS : ESS, 3 ETP au plus, crise sanitaire",
        Criteria(ess_required=True, fte_max=Decimal(3), situations_any=frozenset({"covid_crisis"})),
    ),
    (
        "france_active",
        "type France Active : association ou ESUS, budget ≥ 200 000 €",
        Criteria(
            legal_forms=frozenset({"association"}),
            legal_forms_or_esus=True,
            budget_min=Decimal(200_000),
        ),
    ),
    (
        "region_32_employer_ess",
        "régionale : Hauts-de-France (32), employeur, ESS",
        Criteria(
            ess_required=True,
            employer_required=True,
            territory=Territory(national=False, regions=frozenset({"32"})),
        ),
    ),
    (
        "department_23_culture",
        "départementale : Creuse (23), secteur culture",
        Criteria(
            sectors=frozenset({"culture"}),
            territory=Territory(national=False, departments=frozenset({"23"})),
        ),
    ),
    (
        "epci_lyon_iae",
        "Métropole de Lyon (EPCI), IAE, emploi-insertion",
        Criteria(
            iae_required=True,
            sectors=frozenset({"employment_insertion"}),
            territory=Territory(national=False, epcis=frozenset({"200046977"})),
        ),
    ),
    (
        "young_public_funding",
        "moins de 3 ans d'existence, ≥ 50 % de financements publics",
        Criteria(max_age_years=3, public_share_min=Decimal(50)),
    ),
    (
        "national_associations",
        "aide importée : associations et fondations, toute la France",
        Criteria(legal_forms=frozenset({"association", "foundation"})),
    ),
]


def add_situations():
    """About 10 % of the structures declare one or two difficulties, 10 % declare none."""
    from django.db import connection, transaction
    from django.utils import timezone

    from aidess.structures.models import Structure, StructureSituation

    structures = Structure._meta.db_table
    situations = StructureSituation._meta.db_table
    codes = list(SITUATIONS)
    count = len(codes)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {situations}")
        cursor.execute(
            f"""INSERT INTO {situations} (structure_id, situation)
            SELECT id, (%s::text[])[1 + (id / 10) %% {count}] FROM {structures} WHERE id %% 10 = 3
            UNION ALL
            SELECT id, (%s::text[])[1 + ((id / 10) %% {count} + 1 + (id / 90) %% {count - 1})
                %% {count}]
            FROM {structures} WHERE id %% 30 = 3""",
            [codes, codes],
        )
        cursor.execute(
            f"UPDATE {structures} SET situations_declared_at = %s WHERE id %% 10 IN (3, 7)",
            [timezone.now()],
        )
        cursor.execute(f"SELECT count(*) FROM {situations}")
        return cursor.fetchone()[0]


def load_structures(args):
    from django.db import connection

    from aidess.structures.models import Structure

    figures = {}
    existing = Structure.objects.filter(is_demo=True).count()
    if existing != args.structures:
        if existing:
            Structure.objects.filter(is_demo=True).delete()
        say(f"load_demo --structures {args.structures}…")
        seconds, _ = timed(
            quiet_command, "load_demo", structures=args.structures, seed=args.seed, reset=False
        )
        figures["load_demo_s"] = round(seconds, 1)
        say(f"  {args.structures} structures créées en {seconds:.1f} s.")
    else:
        say(f"{existing} structures de démonstration déjà présentes (base réutilisée).")
    seconds, rows = timed(add_situations)
    figures["situation_rows"] = rows
    figures["add_situations_s"] = round(seconds, 1)
    with connection.cursor() as cursor:
        seconds, _ = timed(cursor.execute, "VACUUM ANALYZE")
        figures["vacuum_analyze_s"] = round(seconds, 1)
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('structures_structure'))")
        figures["structure_table_size"] = cursor.fetchone()[0]
    figures["structures"] = Structure.objects.count()
    say(
        f"  {rows} situations déclarées ({seconds:.1f} s de VACUUM ANALYZE), table "
        f"{figures['structure_table_size']}."
    )
    return figures


def explain(queryset):
    """EXPLAIN ANALYZE of the count of a queryset, as PostgreSQL ran it."""
    from django.db import connection

    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM ({sql}) AS eligible", params
        )
        return "\n".join(row[0] for row in cursor.fetchall())


def load_rows_as_profiles():
    """BASELINE: every structure (and its situations) read into Python, as profile_of() sees
    it."""
    from collections import defaultdict

    from aidess.structures.models import Structure, StructureSituation

    declared = defaultdict(set)
    for structure_id, situation in StructureSituation.objects.values_list(
        "structure_id", "situation"
    ).iterator(chunk_size=20_000):
        declared[structure_id].add(situation)
    rows = (
        Structure.objects.order_by()
        .values_list(
            "pk",
            "legal_form",
            "is_ess",
            "is_esus",
            "is_iae",
            "employees_fte",
            "annual_budget_eur",
            "public_funding_share",
            "sector",
            "commune_id",
            "commune__epci_id",
            "department_id",
            "region_id",
            "creation_date",
            "situations_declared_at",
        )
        .iterator(chunk_size=20_000)
    )
    profiles = []
    for pk, form, ess, esus, iae, fte, budget, share, sector, commune, epci, *rest in rows:
        department, region, creation_date, declared_at = rest
        situations = declared.get(pk)
        profiles.append(
            (
                pk,
                Profile(
                    legal_form=form or None,
                    ess=ess,
                    esus=esus,
                    iae=iae,
                    employees_fte=fte,
                    annual_budget_eur=budget,
                    public_funding_share=share,
                    sector=sector or None,
                    commune_code=commune,
                    epci_code=epci if commune else None,
                    department_code=department,
                    region_code=region,
                    situations=frozenset(situations or ())
                    if declared_at is not None or situations
                    else None,
                    creation_date=creation_date,
                ),
            )
        )
    return profiles


def python_selection(profiles, criteria):
    """BASELINE: the engine run on every structure."""
    evaluate, eligible = engine.evaluate, AidVerdict.ELIGIBLE
    return [
        pk for pk, profile in profiles if evaluate(profile, criteria, TODAY).verdict == eligible
    ]


def page_queries(criteria):
    """What the providers' "eligible structures" page runs: the total, then counts by region,
    department (30 first) and sector (views.eligible_structures_page, platform admin)."""
    from django.db.models import Count

    from aidess.eligibility.targeting import eligible_structures

    structures = eligible_structures(criteria, TODAY)

    def counts(*fields):
        return structures.values(*fields).annotate(total=Count("pk")).order_by("-total", *fields)

    return (
        structures.count(),
        list(counts("region__name")),
        list(counts("department__code", "department__name")[:30]),
        list(counts("sector")),
    )


MEASURES = {
    "count": "eligible_structures(…).count()",
    "ids": "liste complète des ids (values_list, sans tri)",
    "page": "page « structures éligibles » : total + 3 regroupements",
}


def targeting_part(args):
    from aidess.eligibility.targeting import eligible_structures

    say(f"== B. Ciblage sur {args.structures} structures de démonstration (PostgreSQL) ==")
    figures = load_structures(args)
    cases = []
    for name, label, criteria in TARGETS:
        runs = {measure: [] for measure in MEASURES}
        for _ in range(args.repeat + 1):  # the first run warms the caches
            seconds, total = timed(lambda c=criteria: eligible_structures(c, TODAY).count())
            runs["count"].append(seconds)
            seconds, ids = timed(
                lambda c=criteria: list(
                    eligible_structures(c, TODAY).order_by().values_list("pk", flat=True)
                )
            )
            runs["ids"].append(seconds)
            runs["page"].append(timed(page_queries, criteria)[0])
        case = {"name": name, "label": label, "eligible": total, "sql_ids": ids}
        case.update({measure: summary_ms(values[1:]) for measure, values in runs.items()})
        case["plan"] = explain(eligible_structures(criteria, TODAY))
        cases.append(case)
        say(
            f"  {label:62} {total:7d} éligibles   count {case['count']['median_ms']:6.1f} ms   "
            f"ids {case['ids']['median_ms']:6.1f} ms   page {case['page']['median_ms']:6.1f} ms"
        )

    say("Référence : toutes les structures chargées en Python puis moteur sur chacune…")
    gc.collect()
    load_seconds, profiles = timed(load_rows_as_profiles)
    figures["baseline_load_rows_s"] = round(load_seconds, 2)
    say(f"  chargement de {len(profiles)} lignes (+ situations) en profils : {load_seconds:.1f} s")
    met = dict.fromkeys(MEASURES, True)
    for (name, _, criteria), case in zip(TARGETS, cases, strict=True):
        evaluation_seconds, python_ids = timed(python_selection, profiles, criteria)
        baseline = load_seconds + evaluation_seconds
        identical = sorted(python_ids) == sorted(case.pop("sql_ids"))
        case.update(
            baseline_evaluate_s=round(evaluation_seconds, 2),
            baseline_total_s=round(baseline, 2),
            identical_selection=identical,
        )
        for measure in MEASURES:
            seconds = case[measure]["median_ms"] / 1000
            ratio = case[f"ratio_baseline_to_{measure}"] = round(baseline / seconds, 1)
            case[f"goal_met_{measure}"] = (
                identical and seconds <= GOAL_TARGETING_S and ratio >= GOAL_TARGETING_RATIO
            )
            met[measure] &= case[f"goal_met_{measure}"]
        say(
            f"  {name:24} référence {baseline:5.1f} s (dont moteur {evaluation_seconds:4.1f} s)"
            f"   ×{case['ratio_baseline_to_count']:6.1f} count   "
            f"×{case['ratio_baseline_to_ids']:5.1f} ids   ×{case['ratio_baseline_to_page']:5.1f} "
            f"page   {'mêmes structures' if identical else 'SÉLECTIONS DIFFÉRENTES'}"
        )
    del profiles
    figures.update(
        cases=cases,
        measures=MEASURES,
        goal_s=GOAL_TARGETING_S,
        goal_ratio=GOAL_TARGETING_RATIO,
        goal_met=met,
    )
    for measure, label in MEASURES.items():
        say(
            f"  objectifs ≤ {GOAL_TARGETING_S} s et ≥ ×{GOAL_TARGETING_RATIO}, {label} : "
            f"{'atteints dans tous les cas' if met[measure] else 'NON atteints dans un cas au moins'}"
        )
    return figures


# --------------------------------------------------------------------------------------------


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.eligibility", description=__doc__)
    parser.add_argument("--part", choices=["all", "engine", "database"], default="all")
    parser.add_argument("--aids", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=250)
    parser.add_argument("--request-profiles", type=int, default=30)
    parser.add_argument("--structures", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server-url", default=SERVER_URL, help="PostgreSQL server (no base)")
    parser.add_argument("--keep-database", action="store_true", help=f"keep {DATABASE}")
    parser.add_argument(
        "--reuse-database", action="store_true", help=f"reuse {DATABASE} when it exists"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(argv)
    from django.apps import apps

    if apps.ready and args.part != "engine":  # Django set up for another database: start afresh
        command = [sys.executable, "-m", "bench.eligibility", *(argv or [])]
        return subprocess.run(command, cwd=ROOT, check=False).returncode
    report = {
        "benchmark": "eligibility",
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_average(),
        },
        "parameters": {key: str(value) for key, value in vars(args).items()},
        "today": TODAY.isoformat(),
    }
    previous = json.loads(args.output.read_text()) if args.output.exists() else {}
    started = time.perf_counter()
    catalog, profiles = None, None
    if args.part in ("all", "engine"):
        report["engine"], (catalog, profiles) = engine_part(args)
    if args.part in ("all", "database"):
        if catalog is None:
            places, rng = Places(), random.Random(args.seed)
            catalog = [random_criteria(rng, places) for _ in range(args.aids)]
            profiles = [random_profile(rng, places) for _ in range(args.profiles)]
        report["database"], reused = prepare_database(args)
        if reused:  # figures of the run that filled it
            report["database"] = {**previous.get("database", {}), "reused": True}
        try:
            report["database_catalog"] = catalog_database_part(args, catalog, profiles)
            report["targeting"] = targeting_part(args)
            if reused and "load_demo_s" in previous.get("targeting", {}):
                report["targeting"]["load_demo_s"] = previous["targeting"]["load_demo_s"]
            from django.db import connection

            report["database"]["postgresql"] = connection.cursor().connection.info.server_version
        finally:
            if args.keep_database:
                say(f"Base {DATABASE} conservée (--keep-database).")
            else:
                drop_database(args.server_url)
                say(f"Base {DATABASE} supprimée.")
    report["machine"]["load_average_at_end"] = load_average()
    report["duration_s"] = round(time.perf_counter() - started, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.part != "all":  # keep the other part's last figures
        report = {**previous, **report}
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    say(f"Résultats : {args.output} ({report['duration_s']} s).")
    return 1 if broken_guards(report) else 0  # goals missed are reported, not errors


def broken_guards(report):
    """The checks that the optimised code and the SQL give the very same answers."""
    broken = []
    if report.get("engine", {}).get("equivalence", {}).get("differences"):
        broken.append("moteur optimisé ≠ moteur d'origine")
    catalog = report.get("database_catalog", {})
    for key in ("criteria_of_mismatches", "evaluate_aids_differences"):
        if catalog.get(key):
            broken.append(key)
    for case in report.get("targeting", {}).get("cases", []):
        if not case["identical_selection"]:
            broken.append(f"ciblage {case['name']} : sélections SQL et Python différentes")
    for problem in broken:
        say(f"ÉCHEC : {problem}")
    return broken


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
