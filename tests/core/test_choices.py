"""Reference selects (core/choices.py): one query for their rows, kept a short while."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aidess.aids.search import AidSearchForm
from aidess.core.choices import forget_reference_rows
from aidess.organizations.enums import OrganizationKind
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def provider_select():
    return str(AidSearchForm()["provider"])


@pytest.fixture
def kept_a_minute(settings):
    settings.REFERENCE_CHOICES_SECONDS = 60
    forget_reference_rows()
    yield
    forget_reference_rows()


def test_a_select_reads_its_rows_in_one_query():
    with CaptureQueriesContext(connection) as queries:
        html = provider_select()
    assert len(queries) == 1, [query["sql"] for query in queries]
    assert "DECLARE" not in queries[0]["sql"].upper()  # no server-side cursor
    assert html.count("<option") > 100  # the catalog's providers


def test_the_rows_are_kept_a_while_then_read_again(kept_a_minute, monkeypatch):
    provider_select()
    newcomer = OrganizationFactory(kind=OrganizationKind.PROVIDER, name="Fondation Nouvelle")
    with CaptureQueriesContext(connection) as queries:
        kept = provider_select()
    assert len(queries) == 0
    assert "Fondation Nouvelle" not in kept  # within the minute: the list read before

    monkeypatch.setattr("aidess.core.choices.time.monotonic", lambda: 10**9)  # a minute later
    assert f'value="{newcomer.pk}"' in provider_select()


def test_a_submitted_value_is_still_checked_against_the_database(kept_a_minute):
    provider_select()
    newcomer = OrganizationFactory(kind=OrganizationKind.PROVIDER)
    form = AidSearchForm({"provider": str(newcomer.pk)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["provider"] == newcomer


def test_kept_options_still_show_what_each_person_chose(kept_a_minute):
    chosen = str(AidSearchForm({"department": "23"})["department"])
    assert '<option value="23" selected>Creuse (23)</option>' in chosen
    other = str(AidSearchForm({"department": "59"})["department"])
    assert '<option value="23">Creuse (23)</option>' in other
    assert '<option value="59" selected>Nord (59)</option>' in other
    nothing_chosen = str(AidSearchForm()["department"])
    assert nothing_chosen.count(" selected") == 1
    assert '<option value="" selected>' in nothing_chosen
