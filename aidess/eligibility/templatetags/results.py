"""Result lists of the simulation and Mes aides, written in Python.

A 10 000-aid catalog shows thousands of results, each an accordion listing its criteria: one
`{% include %}` per result and per criterion took seconds. Same HTML as the templates gave
(tests/eligibility/test_result_lists.py). Results share their criteria results
(`evaluator.Catalog`): the list of one is written once per page.
"""

import functools
import html

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()

BADGES = {"met": ("fr-badge--success", "Rempli"), "unmet": ("fr-badge--error", "Non rempli")}
TO_CHECK = ("fr-badge--warning", "À vérifier")
SLUG = "slug-of-the-aid"

# The same names, descriptions and reasons come back on every page: escaped once per process.
escape = functools.lru_cache(maxsize=100_000)(html.escape)


def criteria_list(criteria):
    """eligibility/_criteria_verdicts.html, for one list of CriterionResult."""
    items = []
    for criterion in criteria:
        verdict = str(criterion.verdict)
        badge, label = BADGES.get(verdict, TO_CHECK)
        items.append(
            f'<li class="aidess-criterion aidess-criterion--{escape(verdict)}">'
            f'<span class="fr-badge fr-badge--sm {badge}">{label}</span> '
            f"{escape(str(criterion.reason))}</li>"
        )
    return f'<ul class="aidess-criteria">{"".join(items)}</ul>'


@register.simple_tag
def aid_results(results, prefix):
    """One DSFR accordion per AidResult: name (closed or not), why it ranks there unless
    generic, short description, criteria and the aid's page."""
    # Aid pages differ by their slug only (letters, digits, hyphens: nothing to quote).
    before, after = reverse("aids:detail", args=[SLUG]).split(SLUG)
    written = {}  # id of a criteria tuple -> its HTML
    parts = []
    for result in results:
        aid, criteria = result.aid, result.evaluation.criteria
        block = written.get(id(criteria))
        if block is None:
            block = written[id(criteria)] = criteria_list(criteria)
        target = f"aid-{escape(prefix)}-{aid.pk}"
        closed = "" if result.is_open else " (clôturée)"
        relevance = (
            f'<p class="fr-text--sm fr-mb-1w fr-px-2w aidess-relevance">'
            f"{escape(result.relevance)}</p>"
            if result.relevance and not result.generic
            else ""
        )
        parts.append(
            f'<section class="fr-accordion"><h3 class="fr-accordion__title">'
            f'<button type="button" class="fr-accordion__btn" aria-expanded="false" '
            f'aria-controls="{target}">{escape(aid.name)}{closed}</button></h3>{relevance}'
            f'<div class="fr-collapse" id="{target}"><p>{escape(aid.short_description)}</p>'
            f'{block}<a class="fr-link" href="{before}{escape(aid.slug)}{after}">'
            f"Voir la fiche de l'aide</a></div></section>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
