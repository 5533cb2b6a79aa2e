"""The read-only catalog API: same filters as the page, French errors, OpenAPI description."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import timezone
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

from aidess.aids.enums import AidKind, AidStatus
from aidess.aids.search import AidSearchForm, search_aids
from aidess.structures.enums import Sector
from tests.aids.helpers import make_aid, provider_organization, text_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/aids"


@pytest.fixture(scope="module")
def spec():
    from aidess.api.v1 import openapi_document

    return openapi_document("http://testserver/api/v1")


def conforms(spec, instance, schema_name):
    """Validate a response body against a named schema of the OpenAPI description."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(instance)


def get(client, path=LIST_URL, **params):
    response = client.get(path, params)
    assert response["Content-Type"] == "application/json"
    return response, response.json()


def all_slugs(client, **params):
    """Slugs of every page of the API's answer."""
    slugs, page = [], 1
    while True:
        response, body = get(client, **params, page=page)
        assert response.status_code == 200, body
        slugs += [aid["slug"] for aid in body["results"]]
        if page >= body["num_pages"]:
            return slugs
        page += 1


def page_slugs(**params):
    form = AidSearchForm(QueryDict(urlencode(params, doseq=True)))
    assert form.is_valid()
    aids = search_aids(form.cleaned_data, timezone.localdate()).all()
    return [aid.slug for aid in aids]


@pytest.fixture
def funder():
    return provider_organization("Fondation de l'API")


def test_list_is_paginated_with_counts_and_links(client, spec):
    response, body = get(client)
    assert response.status_code == 200
    assert body["page"] == 1 and body["page_size"] == 20
    assert body["count"] > 40
    assert body["num_pages"] == (body["count"] + 19) // 20
    assert len(body["results"]) == 20
    first = body["results"][0]
    assert set(first) >= {"slug", "name", "url", "kind", "providers", "status", "closing_date"}
    assert first["url"] == f"http://testserver/aides/{first['slug']}/"
    assert body["notice"] is None
    conforms(spec, body, "AidList")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "financement"},
        {"q": "trésorerie", "sort": "closing_date"},
        {"kind": ["loan", "guarantee", "equity"]},
        {"kind": "listening", "commune": "Lille (59350)"},
        {"region": "93"},
        {"department": "77", "open_now": "true"},
        {"q": "DSESS", "include_closed": "true"},
        {"sector": "culture", "q": "associations"},
    ],
)
def test_list_applies_the_same_filters_as_the_search_page(client, params):
    assert all_slugs(client, **params) == page_slugs(**params)


def test_list_walks_through_pages(client, funder):
    for number in range(1, 26):
        make_aid(f"Aide de l'API {number:02d}", providers=[funder])

    _, first = get(client, provider=funder.pk)
    _, second = get(client, provider=funder.pk, page=2)

    assert (first["count"], first["num_pages"]) == (25, 2)
    assert [aid["name"] for aid in first["results"]][-1] == "Aide de l'API 20"
    assert [aid["name"] for aid in second["results"]] == [
        f"Aide de l'API {number}" for number in range(21, 26)
    ]
    assert second["page"] == 2


def test_a_page_beyond_the_last_is_404_in_french(client, spec, funder):
    make_aid("Seule aide", providers=[funder])
    response, body = get(client, provider=funder.pk, page=2)
    assert response.status_code == 404
    assert body == {"error": "La page 2 n'existe pas (dernière page : 1)."}
    conforms(spec, body, "Error")


def test_an_empty_result_is_page_one_of_one(client, funder):
    response, body = get(client, provider=funder.pk)
    assert response.status_code == 200
    assert (body["count"], body["page"], body["num_pages"], body["results"]) == (0, 1, 1, [])


def test_a_query_of_stop_words_returns_the_notice(client):
    _, body = get(client, q="le la de")
    assert "mots trop courants" in body["notice"]
    assert body["count"] == get(client)[1]["count"]


def test_an_unknown_filter_is_refused_in_french(client, spec):
    response, body = get(client, q="emploi", departement="59")
    assert response.status_code == 400
    assert body["error"].startswith("Filtre inconnu : departement. Filtres acceptés : q, kind,")
    conforms(spec, body, "Error")


def test_bad_values_are_explained_field_by_field_in_french(client, spec):
    response, body = get(client, kind="xx", department="999", page="0", sort="foo")
    assert response.status_code == 400
    assert body == {
        "error": "Paramètres invalides.",
        "details": {
            "kind": "Nature d'aide inconnue : « xx ».",
            "department": "Département inconnu (code INSEE attendu, ex. 59).",
            "page": "Le numéro de page commence à 1.",
            "sort": "Tri inconnu : « foo » (relevance ou closing_date).",
        },
    }
    conforms(spec, body, "Error")


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"page": "deux"}, "page", "Le numéro de page est un entier."),
        ({"page": "1" + "0" * 24}, "page", "Le numéro de page ne peut pas dépasser 10000."),
        ({"region": "99"}, "region", "Région inconnue (code INSEE attendu, ex. 32)."),
        ({"sector": "peche"}, "sector", "Secteur inconnu : « peche »."),
        ({"provider": "999999"}, "provider", "Porteur inconnu."),
        ({"commune": "Atlantide"}, "commune", "Commune inconnue"),
    ],
)
def test_each_bad_value_names_its_field(client, params, field, message):
    response, body = get(client, **params)
    assert response.status_code == 400
    assert list(body["details"]) == [field]
    assert body["details"][field].startswith(message)


def test_a_single_aid_with_amount_territory_and_provenance(client, spec):
    response, body = get(client, "/api/v1/aids/dla")
    assert response.status_code == 200
    assert body["slug"] == "dla"
    assert body["name"] == "Dispositif local d'accompagnement (DLA)"
    assert body["kind"] == "support"
    assert body["amount"] == {
        "kind": "none",
        "min_eur": None,
        "max_eur": None,
        "rate_percent": None,
        "note": "Gratuit pour la structure accompagnée.",
    }
    assert body["territory"] == {
        "national": True,
        "regions": [],
        "departments": [],
        "epcis": [],
        "communes": [],
    }
    assert body["provenance"].startswith("seeds/004_67f79366cd653dad.txt")
    assert body["source"] == "seed"
    assert body["is_open"] is True
    assert body["url"] == "http://testserver/aides/dla/"
    assert body["co_funders"] == ["Le Mouvement associatif"]
    conforms(spec, body, "Aid")


def test_amounts_and_regions_of_single_aids(client, spec):
    _, ptce = get(client, "/api/v1/aids/ptce")
    assert ptce["amount"]["kind"] == "range"
    assert ptce["amount"]["max_eur"] == "100000.00"
    _, dsess = get(client, "/api/v1/aids/dsess")
    assert (dsess["status"], dsess["is_open"]) == ("closed", False)
    assert dsess["amount"]["max_eur"] == "5000.00"
    _, sos = get(client, "/api/v1/aids/sos-employeurs-ess")
    assert sos["territory"]["national"] is False
    assert sorted(sos["territory"]["regions"]) == ["28", "32", "52", "53", "84", "93"]
    for body in (ptce, dsess, sos):
        conforms(spec, body, "Aid")


def test_a_local_aid_lists_its_territory_codes(client, spec):
    make_aid(
        "Aide locale",
        slug="aide-locale",
        departments=["59"],
        epcis=["200093201"],
        communes=["59350"],
        sectors=["culture"],
        amount_kind="rate",
        rate_percent="40",
    )
    _, body = get(client, "/api/v1/aids/aide-locale")
    assert body["territory"] == {
        "national": False,
        "regions": [],
        "departments": ["59"],
        "epcis": ["200093201"],
        "communes": ["59350"],
    }
    assert body["sectors"] == ["culture"]
    assert body["amount"]["rate_percent"] == "40.00"
    conforms(spec, body, "Aid")


def test_an_unknown_slug_is_404_in_french(client, spec):
    response, body = get(client, "/api/v1/aids/aide-inconnue")
    assert response.status_code == 404
    assert body == {"error": "Aucune aide publiée n'a l'identifiant « aide-inconnue »."}
    conforms(spec, body, "Error")


def test_drafts_are_not_exposed(client, funder):
    make_aid(
        "Brouillon secret", slug="brouillon-secret", providers=[funder], status=AidStatus.DRAFT
    )
    make_aid("Aide archivée", slug="aide-archivee", providers=[funder], status=AidStatus.ARCHIVED)

    assert client.get("/api/v1/aids/brouillon-secret").status_code == 404
    assert client.get("/api/v1/aids/aide-archivee").status_code == 404
    assert all_slugs(client, provider=funder.pk, include_closed="true") == []
    assert all_slugs(client, q="Brouillon secret") == []


def test_signed_in_people_get_the_same_public_answers(client, login):
    login(UserFactory())
    assert client.get("/api/v1/aids/dla").status_code == 200
    assert client.get(LIST_URL, {"q": "médiation"}).status_code == 200


def test_the_api_is_read_only(client):
    assert client.post(LIST_URL, {}).status_code == 405
    assert client.delete("/api/v1/aids/dla").status_code == 405


# --- OpenAPI description ---------------------------------------------------------------------


def test_openapi_description_is_valid_and_lists_the_search_filters(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()

    validate_spec(document)

    assert document["servers"] == [{"url": "http://testserver/api/v1"}]
    parameters = {p["name"]: p for p in document["paths"]["/aids"]["get"]["parameters"]}
    assert list(parameters) == list(AidSearchForm.base_fields)
    assert parameters["kind"]["schema"]["items"]["enum"] == list(AidKind.values)
    assert parameters["sector"]["schema"]["enum"] == list(Sector.values)
    assert parameters["sort"]["schema"]["enum"] == ["relevance", "closing_date"]
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 10_000}
    schemas = document["components"]["schemas"]
    assert schemas["AidSummary"]["properties"]["kind"]["enum"] == list(AidKind.values)
    assert set(document["paths"]["/aids/{slug}"]["get"]["responses"]) == {"200", "404"}
    assert set(document["paths"]["/aids"]["get"]["responses"]) == {"200", "400", "404"}


def test_the_sector_vocabulary_is_the_structures_one(spec):
    parameters = {p["name"]: p for p in spec["paths"]["/aids"]["get"]["parameters"]}
    assert "culture" in parameters["sector"]["schema"]["enum"]
    assert "" not in parameters["sector"]["schema"]["enum"]


def test_documentation_page_lists_every_parameter(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in AidSearchForm.base_fields:
        assert f"<code>{name}</code>" in html
    text = text_of(html)
    assert "GET /api/v1/aids" in text
    assert "GET /api/v1/aids/{slug}" in text
    assert ", ".join(AidKind.values) in text
    assert "Texte libre, en français" in text
    assert 'href="/api/v1/openapi.json"' in html


def test_list_gives_every_provider_of_an_aid(client, funder):
    partner = provider_organization("Banque Solidaire d'Essai")
    make_aid("Prêt à deux porteurs", providers=[funder, partner])

    _, body = get(client, provider=partner.pk)

    assert [aid["providers"] for aid in body["results"]] == [
        ["Banque Solidaire d'Essai", "Fondation de l'API"]
    ]
