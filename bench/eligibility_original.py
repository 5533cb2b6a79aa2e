"""Baseline of the eligibility benchmark (`python -m bench eligibility`): a frozen copy of the
engine from before the performance work, measured against the optimised engine in every run.

No Django import at module level: part A (engine only) runs without a database.
"""

from decimal import Decimal

from aidess.eligibility.engine import (
    AidVerdict,
    CriterionResult,
    Evaluation,
    Verdict,
)
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS

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
