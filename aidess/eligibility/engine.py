"""Eligibility engine: for a structure profile and an aid's criteria, a verdict per criterion with
its reason in plain French, and a verdict for the aid. Pure Python (no Django), so that it can be
tested exhaustively, explained, and reused; `targeting.py` compiles the same rules to SQL.

A criterion is *met*, *unmet*, or *unknown* when the profile lacks the data it needs. The aid is
*eligible* when every criterion is met, *ineligible* when one is unmet, and *to confirm* otherwise.
A *near miss* is an aid with exactly one unmet criterion: its reason says what would have to change.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache, wraps

from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS


class Verdict(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


class AidVerdict(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    TO_CONFIRM = "to_confirm"


@dataclass(frozen=True)
class Profile:
    """What is known of a structure; None means "not provided"."""

    legal_form: str | None = None
    ess: bool | None = None
    esus: bool | None = None
    iae: bool | None = None
    employees_fte: Decimal | None = None
    annual_budget_eur: Decimal | None = None
    public_funding_share: Decimal | None = None  # percent, 0–100
    sector: str | None = None
    commune_code: str | None = None
    epci_code: str | None = None
    department_code: str | None = None
    region_code: str | None = None
    situations: frozenset | None = None
    creation_date: date | None = None


@dataclass(frozen=True)
class Territory:
    national: bool = True
    regions: frozenset = frozenset()
    departments: frozenset = frozenset()
    epcis: frozenset = frozenset()
    communes: frozenset = frozenset()


@dataclass(frozen=True)
class Criteria:
    """An aid's typed criteria; an empty set or None means "no condition"."""

    legal_forms: frozenset = frozenset()
    legal_forms_or_esus: bool = False  # "associations et entreprises agréées ESUS"
    ess_required: bool = False
    esus_required: bool = False
    iae_required: bool = False
    employer_required: bool = False
    fte_min: Decimal | None = None
    fte_max: Decimal | None = None
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    public_share_min: Decimal | None = None
    public_share_max: Decimal | None = None
    sectors: frozenset = frozenset()
    territory: Territory = field(default_factory=Territory)
    situations_any: frozenset = frozenset()
    min_age_years: int | None = None
    max_age_years: int | None = None


@dataclass(frozen=True)
class CriterionResult:
    code: str
    verdict: Verdict
    reason: str
    missing: str = ""  # the profile field to fill in when unknown


@dataclass(frozen=True)
class Evaluation:
    verdict: AidVerdict
    criteria: tuple

    @property
    def unmet(self):
        return [result for result in self.criteria if result.verdict == Verdict.UNMET]

    @property
    def unknown(self):
        return [result for result in self.criteria if result.verdict == Verdict.UNKNOWN]

    @property
    def near_miss(self):
        return len(self.unmet) == 1


def number(value):
    """French formatting: 12, 2,5, 90 000."""
    value = Decimal(value).normalize()
    integer, _, decimals = f"{value:f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", "\u202f")
    return f"{grouped},{decimals}" if decimals else grouped


def listing(labels, conjunction="ou"):
    labels = list(labels)
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + f" {conjunction} " + labels[-1]


def labels_of(values, vocabulary):
    return [vocabulary.get(value, value).lower() for value in sorted(values)]


def unknown(code, reason, missing):
    return CriterionResult(code, Verdict.UNKNOWN, reason, missing)


def phrase_cache(function):
    """Memoises a phrase that depends on an aid's criteria only (never on a profile): catalogs
    repeat the same lists of legal forms, sectors, bounds… Unhashable arguments are not cached."""
    cached = lru_cache(maxsize=2048)(function)

    @wraps(function)
    def phrase(*args):
        try:
            return cached(*args)
        except TypeError:
            return function(*args)

    phrase.cache_clear = cached.cache_clear  # tests start cold: a warm cache hides a change
    return phrase


@phrase_cache
def allowed_legal_forms(legal_forms, or_esus):
    allowed = labels_of(legal_forms, LEGAL_FORMS)
    if or_esus:
        allowed.append("entreprise agréée ESUS")
    return listing(allowed)


@phrase_cache
def listed_sectors(sectors):
    return listing(labels_of(sectors, SECTORS))


@phrase_cache
def listed_situations(situations):
    return listing(labels_of(situations, SITUATIONS))


# Reasons are built only for the verdict given (each check_* used to format all of its sentences).


def check_legal_form(profile, criteria):
    if criteria.legal_forms_or_esus and profile.esus:
        return CriterionResult(
            "legal_form", Verdict.MET, "Votre structure est agréée ESUS : elle est concernée."
        )
    if profile.legal_form is None:
        allowed = allowed_legal_forms(criteria.legal_forms, criteria.legal_forms_or_esus)
        return unknown(
            "legal_form",
            f"Ce dispositif est réservé à : {allowed}. Indiquez votre catégorie juridique.",
            "legal_category",
        )
    label = LEGAL_FORMS.get(profile.legal_form, profile.legal_form).lower()
    if (
        criteria.legal_forms_or_esus
        and profile.esus is None
        and profile.legal_form not in criteria.legal_forms
    ):  # the agrément would decide: missing data, not a reason to exclude
        return unknown(
            "legal_form",
            f"Votre forme juridique ({label}) n'est acceptée que si votre structure est agréée "
            "ESUS : précisez-le.",
            "esus",
        )
    if profile.legal_form in criteria.legal_forms:
        return CriterionResult(
            "legal_form", Verdict.MET, f"Votre forme juridique ({label}) est acceptée."
        )
    allowed = allowed_legal_forms(criteria.legal_forms, criteria.legal_forms_or_esus)
    return CriterionResult(
        "legal_form",
        Verdict.UNMET,
        f"Votre forme juridique ({label}) n'est pas acceptée : ce dispositif est réservé à "
        f"{allowed}.",
    )


def check_flag(code, value, singular, plural, missing):
    if value is None:
        return unknown(code, f"Ce dispositif est réservé aux {plural} : précisez-le.", missing)
    if value:
        return CriterionResult(code, Verdict.MET, f"Votre structure est bien {singular}.")
    return CriterionResult(
        code,
        Verdict.UNMET,
        f"Ce dispositif est réservé aux {plural} ; votre structure n'en fait pas partie.",
    )


def check_range(code, value, low, high, unit, subject, missing):
    """`subject` names the quantity ("compte 12 ETP"); low/high are inclusive bounds."""
    if value is None:
        bounds = describe_bounds(low, high, unit)
        return unknown(code, f"Ce dispositif est réservé aux structures {bounds}.", missing)
    if low is not None and value < low:
        return CriterionResult(
            code,
            Verdict.UNMET,
            f"Votre structure {subject(value)} ; ce dispositif est réservé aux structures "
            f"de {quantity(low, unit)} au moins.",
        )
    if high is not None and value > high:
        return CriterionResult(
            code,
            Verdict.UNMET,
            f"Votre structure {subject(value)} ; ce dispositif est réservé aux structures "
            f"de {quantity(high, unit)} au plus.",
        )
    return CriterionResult(
        code,
        Verdict.MET,
        f"Votre structure {subject(value)} : c'est dans les limites du dispositif "
        f"({describe_bounds(low, high, unit)}).",
    )


@phrase_cache
def describe_bounds(low, high, unit):
    if low is not None and high is not None:
        return f"de {number(low)} à {quantity(high, unit)}"
    if low is not None:
        return f"de {quantity(low, unit)} au moins"
    return f"de {quantity(high, unit)} au plus"


def quantity(value, unit):
    """A number and its unit; a unit that agrees is (singular, plural): French takes the plural
    from 2 on (« 1 an », « 1,5 an », « 2 ans »)."""
    if isinstance(unit, tuple):
        unit = unit[0] if value < 2 else unit[1]
    return f"{number(value)} {unit}"


YEARS_OF_EXISTENCE = ("an d'existence", "ans d'existence")


def years_old(years):
    """« a moins d'un an », « a 1 an », « a 3 ans »."""
    if years < 1:
        return "a moins d'un an"
    return f"a {quantity(years, ('an', 'ans'))}"


def check_employer(profile):
    if profile.employees_fte is None:
        return unknown(
            "employer",
            "Ce dispositif est réservé aux structures employeuses : indiquez vos salariés (ETP).",
            "employees_fte",
        )
    if profile.employees_fte > 0:
        return CriterionResult("employer", Verdict.MET, "Votre structure est employeuse.")
    return CriterionResult(
        "employer",
        Verdict.UNMET,
        "Ce dispositif est réservé aux structures employeuses ; votre structure n'a pas de "
        "salarié déclaré.",
    )


def check_sector(profile, criteria):
    if profile.sector is None:
        allowed = listed_sectors(criteria.sectors)
        return unknown(
            "sector", f"Ce dispositif vise les secteurs : {allowed}. Indiquez le vôtre.", "sector"
        )
    label = SECTORS.get(profile.sector, profile.sector).lower()
    if profile.sector in criteria.sectors:
        return CriterionResult(
            "sector", Verdict.MET, f"Votre secteur ({label}) est visé par le dispositif."
        )
    allowed = listed_sectors(criteria.sectors)
    return CriterionResult(
        "sector",
        Verdict.UNMET,
        f"Votre secteur ({label}) n'est pas visé : ce dispositif concerne {allowed}.",
    )


# The territory criterion has four outcomes, whatever the aid: one shared result for each.
NATIONAL, INSIDE, PLACE_UNKNOWN, OUTSIDE = range(4)
TERRITORY_RESULTS = (
    CriterionResult("territory", Verdict.MET, "Dispositif ouvert sur toute la France."),
    CriterionResult("territory", Verdict.MET, "Votre siège est dans le territoire du dispositif."),
    CriterionResult(
        "territory",
        Verdict.UNKNOWN,
        "Ce dispositif est limité à certains territoires : indiquez la commune de votre siège.",
        "commune",
    ),
    CriterionResult(
        "territory",
        Verdict.UNMET,
        "Votre siège est hors du territoire du dispositif ; il faudrait être implanté sur son "
        "territoire.",
    ),
)


def territory_outcome(profile, territory):
    """NATIONAL, INSIDE, PLACE_UNKNOWN or OUTSIDE (an index of TERRITORY_RESULTS)."""
    if territory.national:
        return NATIONAL
    if (
        profile.commune_code in territory.communes
        or profile.epci_code in territory.epcis
        or profile.department_code in territory.departments
        or profile.region_code in territory.regions
    ):
        return INSIDE
    if profile.commune_code is None and (
        profile.department_code is None or territory.communes or territory.epcis
    ):  # a department decides a regional or departmental aid, not a local one
        return PLACE_UNKNOWN
    return OUTSIDE


def check_territory(profile, territory):
    return TERRITORY_RESULTS[territory_outcome(profile, territory)]


def check_situations(profile, criteria):
    if profile.situations is None:
        wanted = listed_situations(criteria.situations_any)
        return unknown(
            "situations",
            f"Ce dispositif s'adresse aux structures en difficulté ({wanted}) : faites votre "
            "autodiagnostic.",
            "situations",
        )
    shared = profile.situations & criteria.situations_any
    if shared:
        return CriterionResult(
            "situations",
            Verdict.MET,
            f"Votre situation correspond : {listing(labels_of(shared, SITUATIONS), 'et')}.",
        )
    wanted = listed_situations(criteria.situations_any)
    return CriterionResult(
        "situations",
        Verdict.UNMET,
        f"Ce dispositif s'adresse aux structures qui connaissent : {wanted} ; ce n'est pas "
        "votre situation déclarée.",
    )


def age_in_years(creation_date, today):
    years = today.year - creation_date.year
    return years - ((today.month, today.day) < (creation_date.month, creation_date.day))


def check_age(profile, criteria, today):
    if profile.creation_date is None:
        bounds = describe_bounds(criteria.min_age_years, criteria.max_age_years, YEARS_OF_EXISTENCE)
        return unknown(
            "age",
            f"Ce dispositif est réservé aux structures {bounds} : indiquez votre date de création.",
            "creation_date",
        )
    return check_range(
        "age",
        age_in_years(profile.creation_date, today),
        criteria.min_age_years,
        criteria.max_age_years,
        YEARS_OF_EXISTENCE,
        years_old,
        "creation_date",
    )


def evaluate(profile: Profile, criteria: Criteria, today: date) -> Evaluation:
    """Every applicable criterion, in a stable order, and the aid's verdict."""
    before, after = other_results(profile, criteria, today)
    results = (*before, check_territory(profile, criteria.territory), *after)
    return Evaluation(verdict_of(results), results)


def verdict_of(results):
    verdicts = {item.verdict for item in results}
    if Verdict.UNMET in verdicts:
        return AidVerdict.INELIGIBLE
    if Verdict.UNKNOWN in verdicts:
        return AidVerdict.TO_CONFIRM
    return AidVerdict.ELIGIBLE


def run_check(_key, check, *args):
    return check(*args)


# Yes/no conditions: (Criteria field, code = Profile field = missing data, "est bien …",
# "réservé aux …").
FLAGS = (
    ("ess_required", "ess", "une structure de l'ESS", "structures de l'ESS"),
    ("esus_required", "esus", "agréée ESUS", "entreprises agréées ESUS"),
    ("iae_required", "iae", "une structure de l'IAE", "structures de l'IAE"),
)
# Bounded quantities: (code, Criteria bounds, Profile field = missing data, unit, phrase).
RANGES = (
    ("employees_fte", "fte_min", "fte_max", "employees_fte", "ETP",
     lambda fte: f"compte {number(fte)} ETP"),
    ("annual_budget", "budget_min", "budget_max", "annual_budget_eur", "€ de budget annuel",
     lambda budget: f"a un budget annuel de {number(budget)} €"),
    ("public_funding_share", "public_share_min", "public_share_max", "public_funding_share",
     "% de financements publics",
     lambda share: f"reçoit {number(share)} % de financements publics"),
)  # fmt: skip


def other_results(profile, criteria, today, once=run_check):
    """Results of the applicable criteria but the territory, in their stable order: those that
    come before the territory's, those after. `once(key, check, *args)` runs each check; the key
    names what the result depends on besides the profile (see evaluator.Evaluator)."""
    before = []
    if criteria.legal_forms or criteria.legal_forms_or_esus:
        key = ("legal_form", criteria.legal_forms, criteria.legal_forms_or_esus)
        before.append(once(key, check_legal_form, profile, criteria))
    for required, code, singular, plural in FLAGS:
        if getattr(criteria, required):
            value = getattr(profile, code)
            before.append(once(code, check_flag, code, value, singular, plural, code))
    if criteria.employer_required:
        before.append(once("employer", check_employer, profile))
    for code, low_field, high_field, measured, unit, subject in RANGES:
        low, high = getattr(criteria, low_field), getattr(criteria, high_field)
        if low is not None or high is not None:
            value = getattr(profile, measured)
            args = (code, value, low, high, unit, subject, measured)
            before.append(once((code, low, high), check_range, *args))
    if criteria.sectors:
        before.append(once(("sector", criteria.sectors), check_sector, profile, criteria))
    # The territory's result comes here.
    after = []
    if criteria.situations_any:
        key = ("situations", criteria.situations_any)
        after.append(once(key, check_situations, profile, criteria))
    if criteria.min_age_years is not None or criteria.max_age_years is not None:
        key = ("age", criteria.min_age_years, criteria.max_age_years)
        after.append(once(key, check_age, profile, criteria, today))
    return before, after
