"""The result lists written in Python (templatetags/results.py) give the HTML the templates gave:
one accordion per result, its relevance, its criteria, escaped texts, the aid's page."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils import timezone

from aidess.aids.enums import AidStatus
from aidess.eligibility.catalog import evaluate_and_rank_catalog
from aidess.eligibility.engine import Profile
from aidess.eligibility.templatetags.results import aid_results, criteria_list
from tests.factories import AidCriteriaFactory, AidFactory

pytestmark = pytest.mark.django_db

# The template each result went through before (eligibility/_aid_result.html).
REFERENCE = Template("""{% for result in results %}<section class="fr-accordion">
  <h3 class="fr-accordion__title">
    <button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="aid-{{ prefix }}-{{ result.aid.pk }}">
      {{ result.aid.name }}{% if not result.is_open %} (clôturée){% endif %}
    </button>
  </h3>
  {% if result.relevance and not result.generic %}<p class="fr-text--sm fr-mb-1w fr-px-2w aidess-relevance">{{ result.relevance }}</p>{% endif %}
  <div class="fr-collapse" id="aid-{{ prefix }}-{{ result.aid.pk }}">
    <p>{{ result.aid.short_description }}</p>
    {% include "eligibility/_criteria_verdicts.html" with criteria=result.evaluation.criteria %}
    <a class="fr-link" href="{{ result.aid.get_absolute_url }}">Voir la fiche de l'aide</a>
  </div>
</section>{% endfor %}""")  # noqa: E501


def results_of(profile):
    AidFactory(status=AidStatus.CLOSED, name="Aide <fermée> & « close »")
    AidCriteriaFactory(
        aid__name='Prêt "coopératif" <b>', aid__short_description="Pour <i>coopératives</i>.",
        legal_forms=["cooperative"], fte_max=Decimal(3),
    )  # fmt: skip
    return evaluate_and_rank_catalog(profile, timezone.localdate(), include_closed=True)


@pytest.mark.parametrize(
    "profile",
    [
        Profile(),
        Profile(
            legal_form="association",
            ess=True,
            sector="culture",
            commune_code="23008",
            epci_code="200034700",
            department_code="23",
            region_code="75",
            employees_fte=Decimal(2),
            situations=frozenset({"cash_shortfall"}),
        ),
    ],  # fmt: skip
)
def test_result_lists_give_the_html_of_the_templates(profile):
    results = results_of(profile)
    assert any(not r.is_open for r in results)
    assert any(r.relevance and not r.generic for r in results) == (profile.sector is not None)
    expected = REFERENCE.render(Context({"results": results, "prefix": "near"}))
    SimpleTestCase().assertHTMLEqual(aid_results(results, "near"), expected)
    assert "&lt;fermée&gt;" in aid_results(results, "near")


def test_criteria_lists_give_the_html_of_their_template():
    for result in results_of(Profile(legal_form="association")):
        criteria = result.evaluation.criteria
        expected = render_to_string("eligibility/_criteria_verdicts.html", {"criteria": criteria})
        SimpleTestCase().assertHTMLEqual(criteria_list(criteria), expected)
