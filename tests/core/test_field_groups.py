"""The field groups written in Python (core/fieldgroups.py) give the HTML of django-dsfr's field
templates, for every field of the forms that use them: empty, filled in, and with errors."""

import re

import pytest
from django.http import QueryDict
from django.test import SimpleTestCase
from dsfr.forms import DsfrBoundField

from aidess.aids.search import AidSearchForm
from aidess.core.fieldgroups import QuickBoundField
from aidess.eligibility.forms import NeedsForm, SimulationForm

pytestmark = pytest.mark.django_db

CASES = [
    (AidSearchForm, ""),
    (AidSearchForm, "q=trésorerie&commune=23008&kind=grant&kind=loan&department=23&region=75"
                    "&sector=culture&open_now=1&sort=closing_date&provider="),
    (AidSearchForm, "q=<b>&commune=nulle+part&kind=inconnue&department=999&sector=x&sort=y"
                    "&page=0"),
    (SimulationForm, None),
    (SimulationForm, "legal_form=association&commune=23008&sector=culture&ess=yes"
                     "&employees_fte=2.5&situations=cash_shortfall&needs=cash&include_closed=on"),
    (SimulationForm, "legal_form=x&commune=zzz&ess=peut-être&employees_fte=-1"
                     "&public_funding_share=140&needs=rien"),
]  # fmt: skip


def template_group(bound):
    """The same field rendered through django-dsfr's template."""
    return DsfrBoundField(bound.form, bound.field, bound.name).as_field_group()


@pytest.mark.parametrize(("form_class", "query"), CASES)
def test_python_field_groups_give_the_html_of_the_dsfr_templates(form_class, query):
    form = form_class(None if query is None else QueryDict(query))
    if form.is_bound:
        form.is_valid()
    for bound in form:
        if bound.is_hidden:
            continue
        assert isinstance(bound, QuickBoundField)
        SimpleTestCase().assertHTMLEqual(str(bound.as_field_group()), str(template_group(bound)))


def test_chosen_values_and_errors_are_still_shown():
    form = AidSearchForm(QueryDict("kind=grant&department=23&sector=x&open_now=1"))
    form.is_valid()
    page = "".join(str(bound.as_field_group()) for bound in form)
    assert re.search(r'<input type="checkbox" name="kind" value="grant"[^>]* checked>', page)
    assert not re.search(r'<input type="checkbox" name="kind" value="loan"[^>]* checked>', page)
    assert '<option value="23" selected>Creuse (23)</option>' in page
    assert "Secteur inconnu : « x »." in page and 'aria-invalid="true"' in page
    assert re.search(r'<input type="checkbox" name="open_now"[^>]* checked>', page)


def test_needs_form_groups_give_the_html_of_the_dsfr_templates():
    form = NeedsForm(QueryDict("besoins=1&needs=cash"), frozenset())
    for bound in form:
        SimpleTestCase().assertHTMLEqual(str(bound.as_field_group()), str(template_group(bound)))
