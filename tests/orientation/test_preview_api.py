"""POST /api/v1/orientation/preview: no account, the eligibility profile plus needs."""

import json

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/orientation/preview"


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_an_aubusson_employer_association_sees_who_would_receive_its_request(client, network):
    body = {
        "legal_category": "9220",
        "ess": True,
        "employees_fte": 3,
        "annual_budget_eur": "120000",
        "commune": "23008",
        "needs": ["advice", "payment_dispute"],
    }
    response = post(client, body)
    assert response.status_code == 200
    recipients = response.json()["recipients"]
    assert recipients[0] == {
        "organization": "DLA de la Creuse",
        "scheme": "dla",
        "territory": {"kind": "department", "code": "23"},
        "selected": True,
        "reason": recipients[0]["reason"],
    }
    assert recipients[0]["reason"].startswith("DLA de la Creuse : intervient dans le département")
    assert [(r["organization"], r["territory"]["kind"], r["selected"]) for r in recipients] == [
        ("DLA de la Creuse", "department", True),
        ("DLA régional Nouvelle-Aquitaine", "region", True),
        ("Guid'Asso", "national", False),
        ("Médiateur des entreprises", "national", True),
    ]
    assert recipients[1]["territory"] == {"kind": "region", "code": "75"}
    assert recipients[3]["territory"] == {"kind": "national", "code": None}


def test_an_empty_body_gets_the_national_offers_whose_conditions_may_fit(client, network):
    response = client.post(URL, "", content_type="application/json")
    assert response.status_code == 200
    assert [r["organization"] for r in response.json()["recipients"]] == [
        "Guid'Asso",
        "Médiateur des entreprises",
        "SOS Employeurs ESS",
    ]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"needs": ["argent"]}, "needs", "Besoin inconnu : argent."),
        ({"commune": "99999"}, "commune", "Commune inconnue « 99999 »"),
        ({"employees_fte": "beaucoup"}, "employees_fte", "« beaucoup » n'est pas un nombre."),
        ({"needs": "advice"}, "needs", "Valeur attendue : une liste."),
    ],
)
def test_bad_input_gets_a_french_message_per_field(client, network, body, field, message):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["error"] == "Profil invalide."
    assert response.json()["details"][field].startswith(message)


def test_a_huge_body_is_refused(client):
    response = post(client, {"x": "y" * 70_000})
    assert response.status_code == 413
    assert response.json()["error"] == "Requête trop volumineuse (64 Ko au plus)."
