"""The relevance test set (cases.py), through the pages and through the service the API uses."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aidess.aids.models import Aid
from aidess.aids.search import AidSearchForm, search_aids
from aidess.eligibility.engine import AidVerdict, Profile
from aidess.eligibility.profiles import place_codes
from aidess.eligibility.service import candidate_aids, evaluate_and_rank
from aidess.territories.models import Commune
from tests.relevance.cases import PROFILES, QUERIES

pytestmark = pytest.mark.django_db

LISTED = re.compile(r'id="aid-(eligible|confirm)-(generic-)?(\d+)"')
CARD_LINK = re.compile(r'<h2 class="fr-card__title"><a href="/aides/([\w-]+)/">')
YES_NO = {"yes": True, "no": False}
COMMUNE_CODE = re.compile(r"\((\w+)\)$")


def profile_of_answers(answers):
    return Profile(
        legal_form=answers.get("legal_form"),
        ess=YES_NO.get(answers.get("ess")),
        esus=YES_NO.get(answers.get("esus")),
        iae=YES_NO.get(answers.get("iae")),
        employees_fte=Decimal(answers["employees_fte"]) if "employees_fte" in answers else None,
        annual_budget_eur=Decimal(answers["annual_budget_eur"])
        if "annual_budget_eur" in answers
        else None,
        sector=answers.get("sector"),
        situations=frozenset(answers["situations"]) if answers.get("situations") else None,
        **place_codes(Commune.objects.get(code=COMMUNE_CODE.search(answers["commune"])[1])),
    )


def slug_by_pk():
    return dict(Aid.objects.values_list("pk", "slug"))


@pytest.mark.parametrize("case", PROFILES, ids=[case.name for case in PROFILES])
def test_service_ranks_the_schemes_made_for_the_case_first(case):
    results = evaluate_and_rank(
        profile_of_answers(case.answers),
        candidate_aids(),
        timezone.localdate(),
        needs=frozenset(case.answers.get("needs", ())),
    )
    assert [item.rank for item in results] == list(range(1, len(results) + 1))
    top = results[: len(case.first)]
    assert {item.aid.slug for item in top} == set(case.first), case.source
    assert all(item.verdict != AidVerdict.INELIGIBLE and not item.generic for item in top)
    by_slug = {item.aid.slug: item for item in results}
    for slug, words in case.reasons.items():
        assert words in by_slug[slug].relevance
    for slug in case.folded:
        assert by_slug[slug].generic
        assert by_slug[slug].relevance.startswith("Ouverte largement")


@pytest.mark.parametrize("case", PROFILES, ids=[case.name for case in PROFILES])
def test_simulation_page_shows_them_first_and_folds_generic_aids(client, case):
    response = client.get(reverse("eligibility:simulation"), case.answers)
    assert response.status_code == 200
    page = response.content.decode()
    slugs = slug_by_pk()
    shown = {"eligible": [], "confirm": []}
    folded = set()
    for section, generic, pk in LISTED.findall(page):
        if generic:
            folded.add(slugs[int(pk)])
        else:
            shown[section].append(slugs[int(pk)])
    wanted = set(case.first)
    for section in shown.values():  # each section opens on the case's schemes it holds
        expected_here = [slug for slug in section if slug in wanted]
        assert section[: len(expected_here)] == expected_here, case.source
    assert wanted <= set(shown["eligible"]) | set(shown["confirm"])
    assert set(case.folded) <= folded
    if folded:
        assert re.search(r"Autres aides ouvertes à tous \(\d+\)", page)
    text = html.unescape(page)
    for words in case.reasons.values():
        assert words in text


def test_the_theatre_no_longer_opens_on_energy_renovation_or_basketball_courts(client):
    theatre = PROFILES[0]
    page = client.get(reverse("eligibility:simulation"), theatre.answers).content.decode()
    slugs = slug_by_pk()
    eligible = [slugs[int(pk)] for section, generic, pk in LISTED.findall(page) if not generic]
    folded = [slugs[int(pk)] for section, generic, pk in LISTED.findall(page) if generic]
    assert set(eligible[:4]) == set(theatre.first) - {"france-active-accompagnement"}
    imported = [slug for slug in folded if slug.startswith("at-")]
    assert any("terrains-de-bas" in slug for slug in imported)  # the basketball courts, folded
    assert not any(slug.startswith("at-") for slug in eligible)


def search_slugs(**params):
    form = AidSearchForm(params)
    assert form.is_valid(), form.errors
    return [aid.slug for aid in search_aids(form.cleaned_data, timezone.localdate()).all()]


@pytest.mark.parametrize("case", QUERIES, ids=[case.query for case in QUERIES])
def test_search_finds_the_schemes_for_the_words_people_type(case):
    params = {"q": case.query, **({"include_closed": "1"} if case.include_closed else {})}
    found = search_slugs(**params)
    assert set(case.first) <= set(found[: len(case.first)]), (case.source, found[:10])


@pytest.mark.parametrize("case", QUERIES, ids=[case.query for case in QUERIES])
def test_search_page_lists_them_first(client, case):
    params = {"q": case.query, **({"include_closed": "1"} if case.include_closed else {})}
    response = client.get(reverse("aids:search"), params)
    assert response.status_code == 200
    cards = CARD_LINK.findall(response.content.decode())
    assert set(case.first) <= set(cards[: len(case.first)]), (case.source, cards[:10])
