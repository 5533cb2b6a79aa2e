"""Every error of /api/v1/ is JSON in the project's shape, in French; the documented fixes."""

import json

import pytest

from tests.cashflow.example import EXAMPLE
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("ess", "Valeur attendue : true ou false."),
        ("esus", "Valeur attendue : true ou false."),
        ("include_closed", "Valeur attendue : true ou false."),
        ("commune", "Valeur attendue : un code INSEE (texte, ex. 23008)."),
        ("legal_category", "Catégorie juridique INSEE inconnue « None » (4 chiffres, ex. 9220)."),
        ("situations", "Valeur attendue : une liste."),
        ("creation_date", "Date attendue au format AAAA-MM-JJ."),
    ],
)
def test_null_is_refused_where_the_schema_says_boolean_string_or_list(client, field, message):
    response = post(client, "/api/v1/eligibility", {field: None})
    assert response.status_code == 400
    assert response.json() == {"error": "Profil invalide.", "details": {field: message}}


def test_null_numbers_stay_accepted_as_documented(client):
    response = post(client, "/api/v1/eligibility", {"employees_fte": None, "sector": "culture"})
    assert response.status_code == 200


def test_a_plan_without_receipts_is_computed(client):
    body = {key: value for key, value in EXAMPLE.items() if key != "receipts"}
    response = post(client, "/api/v1/cashflow", body)
    assert response.status_code == 200
    months = response.json()["months"]
    assert [month["receipts"] for month in months] == ["0.00", "0.00", "0.00"]
    assert response.json()["financing_need"] == "12000.50"


def test_a_plan_without_expenses_is_computed(client):
    body = {key: value for key, value in EXAMPLE.items() if key != "expenses"}
    response = post(client, "/api/v1/cashflow", body)
    assert response.status_code == 200
    assert response.json()["financing_need"] == "0.00"


def test_a_plan_with_start_alone_says_what_is_missing(client):
    response = post(client, "/api/v1/cashflow", {"start": "2026-01"})
    assert response.status_code == 400
    assert response.json()["details"] == {
        "amounts": "Le plan compte au moins un mois et une ligne."
    }


def test_every_malformed_line_is_reported_not_only_the_first(client):
    body = {**EXAMPLE, "receipts": ["Ventes", {"label": "Dons"}, {"amounts": ["1", "x", "3"]}]}
    details = post(client, "/api/v1/cashflow", body).json()["details"]
    assert set(details) == {"receipts[0]", "receipts[1]", "receipts[2].amounts[1]"}


@pytest.mark.parametrize(
    "path",
    ["/api/v1/", "/api/v1/inconnu", "/api/v1/aids/dla/plus", "/api/v1/structures/1/plans"],
)
def test_unknown_paths_answer_a_json_404_not_the_html_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": f"Aucune ressource de l'API à l'adresse {path}."}


def test_anonymous_gets_a_json_401(client):
    structure = StructureFactory(member=UserFactory())
    for end in ("eligibility", "cashflow-plans", "diagnoses"):
        response = client.get(f"/api/v1/structures/{structure.pk}/{end}")
        assert response.status_code == 401
        assert response.json() == {"error": "Authentification requise."}


@pytest.mark.parametrize("id", ["0", "-3", "99999999999999999999999"])
def test_impossible_structure_ids_are_400_not_500(client, login, id):
    login(UserFactory())
    response = client.get(f"/api/v1/structures/{id}/diagnoses")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "Paramètres invalides."
    assert list(body["details"]) == ["id"]


def test_bad_query_parameters_are_400_in_french_never_422(client, login):
    member = UserFactory()
    structure = StructureFactory(member=member)
    login(member)
    response = client.get(
        f"/api/v1/structures/{structure.pk}/eligibility", {"include_closed": "peut-être"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "Paramètres invalides.",
        "details": {"include_closed": "Valeur attendue : true ou false."},
    }


def test_wrong_method_is_a_json_405_naming_the_accepted_one(client):
    response = client.put("/api/v1/cashflow")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json() == {"error": "Méthode PUT non acceptée ici (acceptée : POST)."}


@pytest.mark.parametrize(
    ("opening", "status"),
    [("999999999999.99", 200), ("1000000000000", 400), ("-999999999999.99", 200)],
)
def test_the_largest_amount_is_just_below_a_thousand_billion_euros(client, opening, status):
    response = post(client, "/api/v1/cashflow", {**EXAMPLE, "opening_balance": opening})
    assert response.status_code == status
    if status == 400:
        assert response.json()["details"] == {
            "opening_balance": "« 1000000000000 » est trop grand (moins de 1 000 milliards d'euros)."
        }
