"""Catalog search, through `search_aids` and the /aides/ page: French full text, facets, territory."""

import datetime
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import timezone

from aidess.aids.enums import AidKind, AidStatus
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid
from aidess.aids.search import ONLY_STOP_WORDS, PAGE_SIZE, AidSearchForm, search_aids
from aidess.organizations.models import Organization
from aidess.territories.models import Commune
from tests.aids.helpers import make_aid, provider_organization, text_of
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = "/aides/"


def search(**params):
    """Slugs found for these request parameters, in the order shown (as the page and API do)."""
    form = AidSearchForm(QueryDict(urlencode(params, doseq=True)))
    assert form.is_valid(), form.errors
    aids = search_aids(form.cleaned_data, timezone.localdate()).all()
    return [aid.slug for aid in aids]


def found(**params):
    return set(search(**params))


def listed(response):
    """Every aid the search page found, on all its pages (following "Page suivante")."""
    page, slugs = response.context["page_obj"], []
    while True:
        slugs += [aid.slug for aid in page]
        if not page.has_next():
            return slugs
        params = response.wsgi_request.GET.copy()
        params["page"] = page.next_page_number()
        page = response.client.get(SEARCH_URL, params).context["page_obj"]


@pytest.fixture
def funder():
    return provider_organization("Fondation Zéphyrine pour l'essai")


# --- French full text on the real catalog ------------------------------------------------------


def test_inflections_of_a_word_find_the_same_aids():
    financement = found(q="financement")
    assert len(financement) >= 5
    assert found(q="financements") == financement
    assert found(q="financer") == financement
    assert "pret-relais-solidaire" in financement


def test_accents_and_case_are_ignored():
    upper = found(q="TRESORERIE")
    assert "pret-relais-solidaire" in upper
    assert found(q="trésorerie") == upper
    assert found(q="Trésorerie") == upper


def test_search_page_finds_the_bridge_loan_from_an_upper_case_query(client):
    response = client.get(SEARCH_URL, {"q": "TRESORERIE"})
    assert response.status_code == 200
    assert "Prêt relais solidaire" in response.content.decode()
    assert "pret-relais-solidaire" in listed(response)


@pytest.mark.parametrize("query", ["le la de", "?!", "  …  ", "de la"])
def test_a_query_of_stop_words_or_symbols_shows_a_french_notice(client, query):
    everything = listed(client.get(SEARCH_URL))

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert ONLY_STOP_WORDS in page
    assert "mots trop courants" in page
    assert listed(response) == everything


def test_a_meaningful_query_shows_no_notice(client):
    response = client.get(SEARCH_URL, {"q": "médiation"})
    assert "mots trop courants" not in response.content.decode()
    assert response.context["notice"] == ""


def test_an_unknown_word_finds_nothing_and_suggests_what_to_try(client):
    response = client.get(SEARCH_URL, {"q": "zygomorphe lépidoptère", "kind": "loan"})
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Aucune aide ne correspond à ces critères" in page
    suggestions = page[page.index('id="no-result"') :]
    assert 'href="?q=zygomorphe"' in suggestions  # fewer words
    assert 'href="?q=zygomorphe%20l%C3%A9pidopt%C3%A8re"' in suggestions  # no other filter
    assert "include_closed=1" in suggestions and "inclure les aides clôturées" in suggestions
    assert 'href="/simulation/"' in suggestions


# --- What a structure types: synonyms and ESS words ---------------------------------------------


@pytest.mark.parametrize(
    ("query", "scheme"),
    [
        ("trésorerie", "pret-relais-solidaire"),
        ("fonds de roulement", "pret-relais-solidaire"),
        ("avance", "pret-relais-solidaire"),
        ("baisse de subvention", "dreets-paca-aci"),
        ("perte de subvention", "dla-restructuration"),
        ("coupe budgétaire", "dla-restructuration"),
        ("retard de paiement", "mediateur-des-entreprises"),
        ("impayés", "mediateur-des-entreprises"),
        ("litige", "mediateur-des-entreprises"),
        ("salaires", "sos-employeurs-ess"),
        ("licenciement", "sos-employeurs-ess"),
        ("covid", "cellule-veille-hauts-de-france"),
        ("crise sanitaire", "cellule-veille-hauts-de-france"),
        ("restructuration", "dla-restructuration"),
        ("redressement", "france-active-accompagnement"),
    ],
)
def test_a_structure_finds_the_scheme_for_its_problem_in_its_own_words(query, scheme):
    """Before synonyms, "trésorerie" found 1 aid and "covid", "salaires", "licenciement",
    "baisse de subvention" none, although the seed schemes are made for these situations."""
    assert scheme in search(q=query)


def test_the_closed_emergency_fund_is_found_by_covid_when_closed_aids_are_asked():
    assert "dsess" not in search(q="covid")
    assert "dsess" in search(q="covid", include_closed="1")


def test_more_words_matched_come_first_and_none_is_required(funder):
    make_aid("Prêt culture", providers=[funder], description="Pour les associations.")
    make_aid("Prêt trésorerie culture", providers=[funder])
    make_aid("Subvention culture", providers=[funder])
    make_aid("Garantie", providers=[funder], description="Trésorerie des coopératives.")

    results = search(q="prêt trésorerie culture", provider=funder.pk)
    assert results[:2] == ["pret-tresorerie-culture", "pret-culture"]  # three words, then two
    assert set(results[2:]) == {"subvention-culture", "garantie"}  # one word each


# --- Same results on SQLite and PostgreSQL --------------------------------------------------


CONTROLLED_AIDS = {
    "essai-culture": {
        "name": "Financement des associations culturelles",
        "short_description": "Subvention aux projets culturels portés par des associations.",
    },
    "essai-emploi": {
        "name": "Emploi associatif",
        "short_description": "Financer un premier poste salarié.",
        "description": "Les financements couvrent deux ans de salaire.",
    },
    "essai-tresorerie": {
        "name": "Prêt d'honneur de trésorerie",
        "short_description": "Prêt à taux zéro pour passer un cap difficile.",
        "kind": AidKind.LOAN,
    },
    "essai-tiers-lieux": {
        "name": "Animation des tiers lieux",
        "short_description": "Pour les lieux partagés en milieu rural.",
    },
    "essai-tiers-lieux-culturels": {
        "name": "Soutien aux tiers-lieux culturels",
        "short_description": "Ateliers partagés.",
    },
    "essai-oeuvres": {
        "name": "Œuvres sociales des coopératives",
        "short_description": "Aide aux SCIC et aux coopératives d'activité.",
    },
    "essai-benevoles": {
        "name": "Formation des bénévoles",
        "short_description": "Modules de formation.",
        "description": "La comptabilité, la trésorerie et la gouvernance.",
    },
}
EXPECTED = [
    ("financement", {"essai-culture", "essai-emploi"}),
    ("FINANCEMENTS associatifs", {"essai-culture", "essai-emploi"}),
    ("trésorerie", {"essai-tresorerie", "essai-benevoles"}),
    # Several words: any of them (more of them first, see test_more_words_matched_come_first).
    ("prêt trésorerie", {"essai-tresorerie", "essai-benevoles"}),
    ("d'honneur", {"essai-tresorerie"}),
    ("l'emploi", {"essai-emploi"}),
    ("tiers lieux", {"essai-tiers-lieux", "essai-tiers-lieux-culturels"}),
    ("tiers-lieux", {"essai-tiers-lieux", "essai-tiers-lieux-culturels"}),
    ("lieux partagés", {"essai-tiers-lieux", "essai-tiers-lieux-culturels"}),
    ("culturels", {"essai-culture", "essai-tiers-lieux-culturels"}),
    ("oeuvre", {"essai-oeuvres"}),
    ("COOPÉRATIVE", {"essai-oeuvres"}),
    ("scic", {"essai-oeuvres"}),
    ("bénévoles", {"essai-benevoles"}),
    ("Fondation Zéphyrine", set(CONTROLLED_AIDS)),
    ("apport", set()),
    (
        "financement trésorerie",
        set(CONTROLLED_AIDS)
        - {"essai-tiers-lieux", "essai-tiers-lieux-culturels", "essai-oeuvres"},
    ),
]


def test_each_query_finds_the_same_aids_on_every_database(funder):
    for slug, fields in CONTROLLED_AIDS.items():
        make_aid(slug=slug, providers=[funder], **fields)

    results = {query: found(q=query, provider=funder.pk) for query, _ in EXPECTED}

    assert results == dict(EXPECTED)


def test_the_name_weighs_more_than_the_description(funder):
    make_aid("Formation des dirigeants", providers=[funder], description="Une trésorerie saine.")
    make_aid("Trésorerie des associations", providers=[funder])

    assert search(q="trésorerie", provider=funder.pk) == [
        "tresorerie-des-associations",
        "formation-des-dirigeants",
    ]


def test_editing_an_aid_through_the_index_finds_it_by_its_new_words(funder):
    aid = make_aid("Fonds de garantie", providers=[funder])
    assert found(q="cautionnement") == set()
    Aid.objects.filter(pk=aid.pk).update(description="Cautionnement bancaire des prêts.")
    reindex(Aid.objects.filter(pk=aid.pk))
    assert found(q="cautionnement") == {aid.slug}


# --- Facets --------------------------------------------------------------------------------


def test_kind_facet(funder):
    make_aid("Subvention d'essai", providers=[funder], kind=AidKind.GRANT)
    make_aid("Prêt d'essai", providers=[funder], kind=AidKind.LOAN)
    make_aid("Écoute d'essai", providers=[funder], kind=AidKind.LISTENING)

    assert found(provider=funder.pk, kind="loan") == {"pret-dessai"}
    assert found(provider=funder.pk, kind=["loan", "listening"]) == {"pret-dessai", "ecoute-dessai"}
    assert found(kind="mediation") == {"mediateur-des-entreprises"}


def test_provider_facet_lists_only_that_providers_aids():
    france_active = Organization.objects.get(name="France Active")
    assert found(provider=france_active.pk) == {
        "france-active-accompagnement",
        "contrat-apport-associatif",
        "pret-relais-solidaire",
    }


def test_sector_facet_keeps_aids_of_that_sector_and_aids_open_to_all(funder):
    make_aid("Aide culture", providers=[funder], sectors=["culture"])
    make_aid("Aide culture et sport", providers=[funder], sectors=["culture", "sport"])
    make_aid("Aide sport", providers=[funder], sectors=["sport"])
    make_aid("Aide tous secteurs", providers=[funder])

    assert found(provider=funder.pk, sector="culture") == {
        "aide-culture",
        "aide-culture-et-sport",
        "aide-tous-secteurs",
    }
    assert found(provider=funder.pk, sector="food") == {"aide-tous-secteurs"}
    assert len(found(provider=funder.pk)) == 4


def dated_aids(funder):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    make_aid("Ferme dans dix jours", providers=[funder], closing_date=today + 10 * day)
    make_aid("Ferme ce soir", providers=[funder], closing_date=today)
    make_aid("Ferme dans deux mois", providers=[funder], closing_date=today + 60 * day)
    make_aid("Sans date", providers=[funder])
    make_aid("Fermee hier", providers=[funder], closing_date=today - day)
    make_aid(
        "Ouvre le mois prochain",
        providers=[funder],
        opening_date=today + 30 * day,
        closing_date=today + 90 * day,
    )
    make_aid("Cloturee", providers=[funder], status=AidStatus.CLOSED)
    make_aid("Brouillon", providers=[funder], status=AidStatus.DRAFT)


def test_closed_aids_and_past_closing_dates_are_left_out_by_default(funder):
    dated_aids(funder)
    assert found(provider=funder.pk) == {
        "ferme-dans-dix-jours",
        "ferme-ce-soir",
        "ferme-dans-deux-mois",
        "sans-date",
        "ouvre-le-mois-prochain",
    }


def test_open_now_leaves_out_aids_not_open_yet(funder):
    dated_aids(funder)
    assert found(provider=funder.pk, open_now="on") == {
        "ferme-dans-dix-jours",
        "ferme-ce-soir",
        "ferme-dans-deux-mois",
        "sans-date",
    }


def test_closing_soon_keeps_aids_closing_within_30_days(funder):
    dated_aids(funder)
    assert found(provider=funder.pk, closing_soon="on") == {"ferme-dans-dix-jours", "ferme-ce-soir"}


def test_include_closed_adds_closed_aids_but_never_drafts(funder):
    dated_aids(funder)
    assert found(provider=funder.pk, include_closed="on") == {
        "ferme-dans-dix-jours",
        "ferme-ce-soir",
        "ferme-dans-deux-mois",
        "sans-date",
        "fermee-hier",
        "ouvre-le-mois-prochain",
        "cloturee",
    }


def test_dsess_is_closed_so_only_found_when_asked(client):
    assert "dsess" not in found(q="DSESS")
    assert "dsess" in found(q="DSESS", include_closed="on")
    response = client.get(SEARCH_URL, {"q": "secours ESS", "include_closed": "on"})
    assert "dsess" in listed(response)
    assert "Clôturée" in response.content.decode()
    assert "dsess" not in listed(client.get(SEARCH_URL, {"q": "secours ESS"}))


def test_sort_by_closing_date_puts_soonest_first_and_undated_last(funder):
    dated_aids(funder)
    assert search(provider=funder.pk, sort="closing_date") == [
        "ferme-ce-soir",
        "ferme-dans-dix-jours",
        "ferme-dans-deux-mois",
        "ouvre-le-mois-prochain",
        "sans-date",
    ]


def test_twenty_aids_per_page_and_page_two_shows_the_rest(client, funder):
    for number in range(1, 26):
        make_aid(f"Aide paginée {number:02d}", providers=[funder])

    first_page = client.get(SEARCH_URL, {"provider": funder.pk}).content.decode()

    assert PAGE_SIZE == 20
    assert "25 aides trouvées" in first_page
    assert first_page.count('class="fr-card ') == 20
    assert "1 / 2" in first_page
    assert "Aide paginée 20" in first_page and "Aide paginée 21" not in first_page
    next_link = link_to(first_page, "Page suivante")
    assert next_link == f"{SEARCH_URL}?provider={funder.pk}&page=2"

    second = client.get(next_link)

    assert second.status_code == 200
    second_page = second.content.decode()
    assert "2 / 2" in second_page
    assert second_page.count('class="fr-card ') == 5
    assert "Aide paginée 21" in second_page and "Aide paginée 25" in second_page
    assert link_to(second_page, "Page suivante") is None
    assert client.get(link_to(second_page, "Page précédente")).context["page_obj"].number == 1


def link_to(html, label):
    """The address a link labelled `label` leads to, relative to the search page; None when the
    link is there but disabled (no address), as DSFR pagination draws a missing next page."""
    found = re.search(rf'<a\s[^>]*?(?:href="([^"]*)"[^>]*)?>\s*{label}\s*</a>', html)
    return SEARCH_URL + unescape(found[1]) if found and found[1] else None


def test_search_page_reports_bad_filters_in_french(client):
    response = client.get(SEARCH_URL, {"department": "999", "kind": "xx"})
    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert "Corrigez les filtres signalés" in page
    assert "Département inconnu (code INSEE attendu, ex. 59)." in page


def test_an_absurd_page_number_is_refused_in_french_not_sent_to_the_database(client):
    response = client.get(SEARCH_URL, {"q": "trésorerie", "page": "1" + "0" * 24})
    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert "Le numéro de page ne peut pas dépasser 10000." in page
    assert 'value="trésorerie"' in response.content.decode()  # what was typed stays


# --- Territory -----------------------------------------------------------------------------


@pytest.fixture
def lille_member():
    user = UserFactory()
    StructureFactory(member=user)  # seat in Lille (59350), Hauts-de-France
    return user


def test_a_lille_structure_sees_national_and_hauts_de_france_aids_not_paca(
    client, login, lille_member
):
    login(lille_member)

    response = client.get(SEARCH_URL)

    assert response.context["form"]["commune"].value() == "Lille (59350)"
    slugs = set(listed(response))
    assert {"dla", "guid-asso", "ptce", "mediateur-des-entreprises"} <= slugs
    assert {"cellule-veille-hauts-de-france", "sos-employeurs-ess"} <= slugs
    assert "dreets-paca-aci" not in slugs
    assert "dsess" not in slugs
    # Imported local aids of other departments are not offered either.
    morbihan = found(q="Morbihan", provider=Organization.objects.get(name__endswith="Morbihan").pk)
    assert morbihan and not morbihan & slugs


def test_choosing_another_commune_replaces_the_structures_one(client, login, lille_member):
    login(lille_member)
    slugs = set(listed(client.get(SEARCH_URL, {"commune": "Marseille"})))
    assert "dreets-paca-aci" in slugs and "sos-employeurs-ess" in slugs
    assert "cellule-veille-hauts-de-france" not in slugs


def test_anonymous_visitors_see_every_territory(client):
    slugs = set(listed(client.get(SEARCH_URL)))
    assert {"dreets-paca-aci", "cellule-veille-hauts-de-france", "dla"} <= slugs


def test_an_admin_without_structure_is_not_filtered_by_someone_elses_commune(client, login):
    StructureFactory(commune=Commune.objects.get(code="35238"))  # someone's structure, in Rennes
    login(UserFactory(admin=True))

    response = client.get(SEARCH_URL)

    assert response.context["form"]["commune"].value() in ("", None)
    assert {"dreets-paca-aci", "cellule-veille-hauts-de-france"} <= set(listed(response))


def test_aids_of_lilles_epci_or_of_lille_itself_are_found_from_lille_only(funder):
    lille = Commune.objects.get(code="59350")
    assert lille.epci_id
    make_aid("Aide de la métropole", providers=[funder], epcis=[lille.epci])
    make_aid("Aide de la ville", providers=[funder], communes=[lille])
    make_aid("Aide du Nord", providers=[funder], departments=["59"])
    make_aid("Aide de Roubaix", providers=[funder], communes=["59512"])

    assert found(provider=funder.pk, commune="Lille (59350)") == {
        "aide-de-la-metropole",
        "aide-de-la-ville",
        "aide-du-nord",
    }
    assert found(provider=funder.pk, commune="Lille") == found(
        provider=funder.pk, commune="Lille (59350)"
    )
    assert found(provider=funder.pk, commune="Rennes") == set()
    assert found(provider=funder.pk, commune="Rennes (35238)") == set()
    # Roubaix shares Lille's EPCI, not Lille's own aid.
    assert found(provider=funder.pk, commune="Roubaix (59512)") == {
        "aide-de-la-metropole",
        "aide-du-nord",
        "aide-de-roubaix",
    }


def test_department_and_region_filters(funder):
    lille = Commune.objects.get(code="59350")
    make_aid("Aide de la métropole", providers=[funder], epcis=[lille.epci])
    make_aid("Aide du Nord", providers=[funder], departments=["59"])
    make_aid("Aide régionale", providers=[funder], regions=["32"])
    make_aid("Aide nationale", providers=[funder])

    assert found(provider=funder.pk, department="59") == {
        "aide-du-nord",
        "aide-regionale",
        "aide-nationale",
    }
    assert found(provider=funder.pk, region="32") == {"aide-regionale", "aide-nationale"}
    assert found(provider=funder.pk, department="35") == {"aide-nationale"}


def test_the_search_page_applies_facets_and_keeps_them_checked(client, funder):
    make_aid("Prêt culture", providers=[funder], kind=AidKind.LOAN, sectors=["culture"])
    make_aid("Prêt sport", providers=[funder], kind=AidKind.LOAN, sectors=["sport"])
    make_aid("Subvention culture", providers=[funder], sectors=["culture"])

    response = client.get(SEARCH_URL, {"provider": funder.pk, "kind": "loan", "sector": "culture"})

    assert listed(response) == ["pret-culture"]
    html = response.content.decode()
    assert "1 aide trouvée" in text_of(html)
    assert re.search(r'<input type="checkbox" name="kind" value="loan"[^>]* checked', html)
    assert '<option value="culture" selected>' in html


def test_a_page_past_the_end_shows_the_last_page(client, funder):
    for number in range(1, 23):
        make_aid(f"Aide au-delà {number:02d}", providers=[funder])

    response = client.get(SEARCH_URL, {"provider": funder.pk, "page": 9})

    assert response.status_code == 200
    page = response.context["page_obj"]
    assert (page.number, page.paginator.count, len(page)) == (2, 22, 2)
    assert "22 aides trouvées" in response.content.decode()


def test_a_search_without_result_says_so(client, funder):
    make_aid("Aide solitaire", providers=[funder])

    response = client.get(SEARCH_URL, {"provider": funder.pk, "q": "spéléologie"})

    assert response.context["page_obj"].paginator.count == 0
    assert "0 aide trouvée" in text_of(response.content.decode())
    assert "Aucune aide ne correspond" in response.content.decode()


def test_result_cards_name_every_provider_and_follow_a_renaming(client, funder):
    partner = provider_organization("Caisse Solidaire d'Essai")
    make_aid("Aide à deux porteurs", providers=[funder, partner])

    card = text_of(client.get(SEARCH_URL, {"provider": partner.pk}).content.decode())
    assert "Caisse Solidaire d'Essai, Fondation Zéphyrine pour l'essai" in card

    partner.name = "Caisse Coopérative d'Essai"
    partner.save()

    card = text_of(client.get(SEARCH_URL, {"provider": partner.pk}).content.decode())
    assert "Caisse Coopérative d'Essai, Fondation Zéphyrine pour l'essai" in card
    assert "Caisse Solidaire" not in card
    assert found(q="coopérative", provider=partner.pk) == {"aide-a-deux-porteurs"}
