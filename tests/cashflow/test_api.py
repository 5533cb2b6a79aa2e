"""POST /api/v1/cashflow computes a plan; a structure's saved plans and diagnoses are read-only."""

import json

import pytest
from django.utils import timezone

from aidess.cashflow.models import CashflowPlan
from aidess.diagnosis.models import Diagnosis
from tests.cashflow.helpers import EXAMPLE, EXAMPLE_RESULT, advisor, example_plan, shared_with
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/cashflow"


def post_json(client, body):
    text = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, text, content_type="application/json")


def test_issue_example_gives_amounts_as_strings_with_two_decimals(client):
    response = post_json(client, EXAMPLE)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == EXAMPLE_RESULT
    assert '"net": "-2000.00"' in response.content.decode()


def test_amounts_may_be_json_numbers(client):
    body = {
        "start": "2026-01",
        "opening_balance": 1000,
        "receipts": [{"label": "Ventes", "amounts": [3000, 4000, 2000]}],
        "expenses": [{"label": "Salaires", "amounts": [5000, 3500, 4500.5]}],
    }
    assert post_json(client, body).json() == EXAMPLE_RESULT


def test_nothing_is_stored(client):
    post_json(client, EXAMPLE)
    assert not CashflowPlan.objects.exists()


def test_bad_plan_gives_400_with_a_french_message_per_place(client):
    body = {
        **EXAMPLE,
        "start": "2026-13",
        "receipts": [{"label": "Ventes", "amounts": ["3000", "abc", "12.345"]}],
        "expenses": [{"label": "Salaires", "amounts": [5000, -3500, True]}],
        "currency": "EUR",
    }
    response = post_json(client, body)

    assert response.status_code == 400
    assert response.json() == {
        "error": "Plan invalide.",
        "details": {
            "currency": "Champ inconnu.",
            "start": "Mois de départ « 2026-13 » invalide (format AAAA-MM, ex. 2026-01).",
            "receipts[0].amounts[1]": "« abc » n'est pas un montant.",
            "receipts[0].amounts[2]": "« 12.345 » a plus de 2 décimales.",
            "expenses[0].amounts[1]": "Montant négatif : saisissez-le en positif, la ligne donne le sens.",
            "expenses[0].amounts[2]": "Montant attendu (nombre ou texte comme « 1250.50 »).",
        },
    }
    assert "Mois de départ « 2026-13 »" in response.content.decode(), "readable, not \\u escapes"


@pytest.mark.parametrize(
    ("changes", "place", "message"),
    [
        ({"receipts": [{"label": "Ventes", "amounts": []}], "expenses": []}, "amounts", "Le plan compte au moins un mois et une ligne."),
        ({"receipts": [{"label": "Ventes", "amounts": [1] * 25}], "expenses": []}, "amounts", "Le plan compte au plus 24 mois."),
        ({"receipts": [{"label": "Ventes", "amounts": [1, 2]}]}, "amounts", "Toutes les lignes doivent avoir le même nombre de mois."),
        ({"start": "janvier"}, "start", "Mois de départ « janvier » invalide (format AAAA-MM, ex. 2026-01)."),
        ({"opening_balance": None}, "opening_balance", "Montant attendu (nombre ou texte comme « 1250.50 »)."),
        ({"opening_balance": {"valeur": 1}}, "opening_balance", "Montant attendu (nombre ou texte comme « 1250.50 »)."),
        ({"opening_balance": 1e30}, "opening_balance", "« 1e+30 » est trop grand (moins de 1 000 milliards d'euros)."),
        ({"expenses": {"Salaires": [1, 2, 3]}}, "expenses", "Liste de lignes attendue."),
    ],
)  # fmt: skip
def test_each_kind_of_mistake_is_named(client, changes, place, message):
    response = post_json(client, {**EXAMPLE, **changes})
    assert response.status_code == 400
    assert response.json()["details"][place] == message


@pytest.mark.parametrize("body", ["{start: 2026-01}", "[1, 2", "{'start': '2026-01'}", b"\xff\xfe"])
def test_invalid_json_gives_400(client, body):
    response = post_json(client, body)
    assert response.status_code == 400
    assert response.json() == {"error": "Le corps de la requête n'est pas du JSON valide."}


def test_empty_body_gives_400(client):
    response = post_json(client, "")
    assert response.status_code == 400
    assert response.json() == {
        "error": "Plan invalide.",
        "details": {"body": "Objet JSON attendu."},
    }


def test_json_that_is_not_an_object_gives_400(client):
    response = post_json(client, [EXAMPLE])
    assert response.status_code == 400
    assert response.json()["details"] == {"body": "Objet JSON attendu."}


def test_only_post_computes(client):
    assert client.get(URL).status_code == 405


def test_oversized_body_is_refused(client):
    body = {**EXAMPLE, "receipts": [{"label": "x" * 300_000, "amounts": [1, 2, 3]}]}
    assert post_json(client, body).status_code == 413


# A structure's saved plans and diagnoses


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    structure = StructureFactory(member=member, name="Les Ateliers solidaires")
    example_plan(structure)
    diagnosis = Diagnosis.objects.create(
        structure=structure,
        answers={"activity_status": "reduced", "months_covered": "0.5", "dispute": True},
        step=5,
    )
    diagnosis.complete()
    return structure


def plans_url(structure):
    return f"/api/v1/structures/{structure.pk}/cashflow-plans"


def diagnoses_url(structure):
    return f"/api/v1/structures/{structure.pk}/diagnoses"


def test_member_reads_saved_plans_with_computed_figures(client, login, member, structure):
    login(member)
    response = client.get(plans_url(structure))

    assert response.status_code == 200
    body = response.json()
    assert body["structure"] == structure.pk
    (plan,) = body["plans"]
    assert plan["title"] == "Plan 2026"
    assert plan["start"] == "2026-01"
    assert plan["opening_balance"] == "1000.00"
    assert plan["lines"] == [
        {"kind": "receipt", "label": "Ventes", "amounts": ["3000.00", "4000.00", "2000.00"]},
        {"kind": "expense", "label": "Salaires", "amounts": ["5000.00", "3500.00", "4500.50"]},
    ]
    for key, value in EXAMPLE_RESULT.items():
        assert plan[key] == value


def test_member_reads_dated_diagnoses_with_their_reading(client, login, member, structure):
    login(member)
    response = client.get(diagnoses_url(structure))

    assert response.status_code == 200
    (diagnosis,) = response.json()["diagnoses"]
    assert diagnosis["severity"] == "critical"
    assert "Votre trésorerie couvre moins d'un mois de dépenses." in diagnosis["reasons"]
    assert diagnosis["needs"] == ["strategy", "mediation", "cash"]
    assert diagnosis["situations"] == ["activity_reduced", "cash_shortfall", "dispute"]
    assert diagnosis["answers"]["months_covered"] == "0.5"
    assert diagnosis["completed_at"].startswith(str(timezone.localdate().year))
    assert diagnosis["summary"].startswith("Situation critique.")


def test_advisor_reads_while_consent_is_active_then_gets_404(client, login, structure):
    user, organization = advisor()
    consent = shared_with(structure, organization)
    login(user)
    assert client.get(plans_url(structure)).status_code == 200
    assert client.get(diagnoses_url(structure)).json()["diagnoses"][0]["severity"] == "critical"

    consent.revoked_at = timezone.now()
    consent.save()
    for url in (plans_url(structure), diagnoses_url(structure)):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"error": "Structure introuvable."}


def test_advisor_without_consent_gets_404_even_in_the_structures_territory(
    client, login, structure
):
    user, organization = advisor(departments=["59"])  # Lille is in the Nord
    other_user, other_organization = advisor()
    shared_with(structure, other_organization)
    login(user)
    assert client.get(f"/structures/{structure.pk}/").status_code == 200, "sees the profile"
    assert client.get(plans_url(structure)).status_code == 404
    assert client.get(diagnoses_url(structure)).status_code == 404


def test_another_structures_member_gets_404(client, login, structure):
    login(StructureFactory(member=UserFactory()).memberships.get().user)
    assert client.get(plans_url(structure)).status_code == 404
    assert client.get(diagnoses_url(structure)).status_code == 404
    assert client.get("/api/v1/structures/999999/cashflow-plans").status_code == 404


def test_anonymous_gets_401(client, structure):
    for url in (plans_url(structure), diagnoses_url(structure)):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json() == {"error": "Authentification requise."}
