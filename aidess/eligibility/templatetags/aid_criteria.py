"""An aid's eligibility criteria in plain French, for its public page.

A template tag rather than a view: the aid page belongs to the catalog, which must not import
the eligibility app (eligibility depends on aids, not the other way round).
"""

from django import template

from aidess.aids.sources import readable
from aidess.eligibility.engine import (
    allowed_legal_forms,
    describe_bounds,
    listed_sectors,
    listed_situations,
)
from aidess.eligibility.models import criteria_of

register = template.Library()


def describe(criteria):
    """One sentence per condition of `criteria` (engine `Criteria`), territory last."""
    lines = []
    if criteria.legal_forms:
        allowed = allowed_legal_forms(criteria.legal_forms, criteria.legal_forms_or_esus)
        lines.append(f"Réservé à : {allowed}.")
    flags = [
        (criteria.ess_required, "Réservé aux structures de l'économie sociale et solidaire (ESS)."),
        (criteria.esus_required, "Réservé aux entreprises agréées ESUS."),
        (criteria.iae_required, "Réservé aux structures de l'insertion par l'activité économique."),
        (criteria.employer_required, "Réservé aux structures employeuses (au moins un salarié)."),
    ]
    lines += [sentence for required, sentence in flags if required]
    ranges = [
        (criteria.fte_min, criteria.fte_max, "ETP", "Effectif"),
        (criteria.budget_min, criteria.budget_max, "€", "Budget annuel"),
        (
            criteria.public_share_min,
            criteria.public_share_max,
            "%",
            "Part des financements publics",
        ),
        (criteria.min_age_years, criteria.max_age_years, "ans", "Ancienneté"),
    ]
    for low, high, unit, subject in ranges:
        if low is not None or high is not None:
            lines.append(f"{subject} : {describe_bounds(low, high, unit)}.")
    if criteria.sectors:
        lines.append(f"Secteurs visés : {listed_sectors(criteria.sectors)}.")
    if criteria.situations_any:
        situations = listed_situations(criteria.situations_any)
        lines.append(
            f"Pour les structures qui connaissent au moins une de ces situations : {situations}."
        )
    if criteria.territory.national:
        lines.append("Ouvert sur toute la France.")
    else:
        lines.append("Réservé aux structures dont le siège est dans le territoire de l'aide.")
    return lines


@register.inclusion_tag("eligibility/_aid_criteria.html")
def aid_criteria(aid):
    stored = getattr(aid, "criteria", None)
    return {
        "aid": aid,
        "lines": describe(criteria_of(aid)),
        "provenance": readable(stored.provenance) if stored else "",
    }
