"""The search's statements are compiled once per shape of filters: a search reusing another's
statement must still get the results of its own values (text, place, kinds, provider, dates)."""

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from aidess.aids.enums import AidKind
from aidess.aids.search import AidSearchForm, prepared_statement, search_aids
from aidess.territories.models import Commune
from tests.aids.helpers import make_aid, provider_organization

pytestmark = pytest.mark.django_db


def cleaned(**params):
    form = AidSearchForm(QueryDict(urlencode(params, doseq=True)))
    assert form.is_valid(), form.errors
    return form.cleaned_data


def slugs(search):
    return [aid.slug for aid in search.all()]


def compiled_afresh(search):
    """The same search with its statement compiled from its own values."""
    prepared_statement.cache_clear()
    return slugs(search)


@pytest.fixture
def catalog():
    lille, rennes = Commune.objects.get(code="59350"), Commune.objects.get(code="35238")
    first, second = provider_organization("Fondation Alpha"), provider_organization("Fonds Bêta")
    make_aid("Prêt trésorerie lillois", providers=[first], kind=AidKind.LOAN, communes=[lille])
    make_aid("Subvention trésorerie lilloise", providers=[first], communes=[lille])
    make_aid("Prêt trésorerie rennais", providers=[first], kind=AidKind.LOAN, communes=[rennes])
    make_aid("Prêt culture rennais", providers=[second], kind=AidKind.LOAN, communes=[rennes])
    make_aid("Prêt culture breton", providers=[second], kind=AidKind.LOAN, regions=["53"])
    make_aid("Garantie culture nationale", providers=[second], kind=AidKind.GUARANTEE)
    return first, second


def test_two_searches_of_one_shape_share_the_statement_and_get_their_own_results(catalog):
    first, second = catalog
    lille = cleaned(q="trésorerie", commune="Lille (59350)", kind="loan", provider=first.pk)
    rennes = cleaned(q="culture", commune="Rennes (35238)", kind="loan", provider=second.pk)
    in_lille, in_rennes = (
        search_aids(lille, timezone.localdate()),
        search_aids(rennes, timezone.localdate()),
    )
    assert in_lille.shape == in_rennes.shape

    prepared_statement.cache_clear()
    assert slugs(in_lille) == ["pret-tresorerie-lillois"]
    hits = prepared_statement.cache_info().hits
    assert slugs(in_rennes) == ["pret-culture-breton", "pret-culture-rennais"]
    assert prepared_statement.cache_info().hits == hits + 1
    assert slugs(in_rennes) == compiled_afresh(in_rennes)
    assert slugs(in_lille) == ["pret-tresorerie-lillois"]


def test_the_kinds_chosen_are_values_of_the_statement_not_part_of_it(catalog):
    loans = search_aids(cleaned(q="culture", kind="loan"), timezone.localdate())
    guarantees = search_aids(cleaned(q="culture", kind="guarantee"), timezone.localdate())
    assert loans.shape == guarantees.shape

    assert set(slugs(loans)) == {"pret-culture-breton", "pret-culture-rennais"}
    assert slugs(guarantees) == ["garantie-culture-nationale"]


def test_the_day_of_the_search_is_a_value_too(catalog):
    today = timezone.localdate()
    make_aid("Aide culture éphémère", closing_date=today + datetime.timedelta(days=10))
    filters = cleaned(q="culture", open_now="1")

    assert "aide-culture-ephemere" in slugs(search_aids(filters, today))
    later = search_aids(filters, today + datetime.timedelta(days=40))
    assert "aide-culture-ephemere" not in slugs(later)
    assert slugs(later) == compiled_afresh(later)


def test_pages_and_totals_follow_the_values_of_each_search(catalog):
    first, second = catalog
    prepared_statement.cache_clear()
    search = search_aids(cleaned(q="trésorerie", provider=first.pk), timezone.localdate())
    paginator, page = search.page(1)
    assert paginator.count == 3 and len(page) == 3

    search = search_aids(cleaned(q="culture", provider=second.pk), timezone.localdate())
    paginator, page = search.page(1)
    assert paginator.count == 3
    assert {aid.slug for aid in page} == {
        "pret-culture-breton",
        "pret-culture-rennais",
        "garantie-culture-nationale",
    }


def test_a_page_is_one_statement_on_postgresql_two_on_sqlite_and_cards_need_no_more(
    catalog, django_assert_num_queries
):
    first, _second = catalog
    search = search_aids(cleaned(q="trésorerie", provider=first.pk), timezone.localdate())
    search.page(1)  # compiles the statements: what is counted is a search of a known shape

    expected = 1 if connection.vendor == "postgresql" else 2
    with django_assert_num_queries(expected):
        _paginator, page = search.page(1)
        cards = [
            (aid.name, aid.short_description, aid.get_kind_display(), aid.provider_list)
            for aid in page
        ]
    assert (
        "Prêt trésorerie lillois",
        "Prêt trésorerie lillois.",
        "Prêt",
        ["Fondation Alpha"],
    ) in cards
