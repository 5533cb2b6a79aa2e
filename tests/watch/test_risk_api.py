"""POST /api/v1/watch/risk: no account, nothing stored; the level and its sentences, or a French
message per bad field."""

import json

import pytest

URL = "/api/v1/watch/risk"

pytestmark = pytest.mark.django_db


def post(client, body, **extra):
    return client.post(URL, json.dumps(body), content_type="application/json", **extra)


def test_a_structure_short_of_cash_after_a_major_funding_cut_is_red_with_its_reasons(client):
    response = post(
        client,
        {
            "cash_runway_months": 0.5,
            "public_funding_share": 0.6,
            "situations": ["public_funding_cut", "late_payments"],
            "social_debt_months": None,
            "collective_procedure": "none",
            "diagnosis_severity": "moderate",
        },
    )
    assert response.status_code == 200
    assert response.json() == {
        "level": "red",
        "factors": [
            {
                "code": "cash_under_1_month",
                "effect": "concerning",
                "weight": "critical",
                "reason": "La trésorerie est épuisée dans moins d'un mois (0,5 mois).",
            },
            {
                "code": "public_funding_cut_major",
                "effect": "concerning",
                "weight": "high",
                "reason": "Un financement public baisse ou disparaît alors que les financements "
                "publics font 60\u00a0% des ressources (50\u00a0% ou plus).",
            },
            {
                "code": "late_public_payments",
                "effect": "concerning",
                "weight": "medium",
                "reason": "Un financeur public paie en retard.",
            },
        ],
    }


def test_reassuring_factors_come_with_low_weight_and_make_it_green(client):
    body = {"cash_runway_months": 9, "public_funding_share": 0.2, "social_debt_months": 0}
    answer = post(client, body).json()
    assert answer["level"] == "green"
    assert [(f["code"], f["effect"], f["weight"]) for f in answer["factors"]] == [
        ("cash_over_6_months", "reassuring", "low"),
        ("diversified_funding", "reassuring", "low"),
        ("no_debt_declared", "reassuring", "low"),
    ]
    assert answer["factors"][0]["reason"] == "La trésorerie couvre plus de 6 mois (9 mois)."


def test_an_empty_body_or_object_knows_nothing(client):
    assert post(client, {}).json() == {"level": "unknown", "factors": []}
    empty = client.post(URL, "", content_type="application/json")
    assert empty.json() == {"level": "unknown", "factors": []}


def test_a_liquidation_shows_the_structure_as_closed(client):
    answer = post(client, {"collective_procedure": "liquidation"}).json()
    assert answer["level"] == "closed"
    assert answer["factors"][0]["reason"].startswith("Une liquidation judiciaire est ouverte")


def test_a_signed_in_user_gets_the_same_answer_and_nothing_is_needed(client, login):
    from tests.factories import UserFactory

    body = {"diagnosis_severity": "critical"}
    anonymous = post(client, body).json()
    login(UserFactory())
    assert (
        post(client, body).json()
        == anonymous
        == {
            "level": "orange",
            "factors": [
                {
                    "code": "diagnosis_critical",
                    "effect": "concerning",
                    "weight": "high",
                    "reason": "Le dernier autodiagnostic conclut à une situation critique.",
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"cash_runway": 2}, "cash_runway", "Champ inconnu."),
        (
            {"public_funding_share": 45},
            "public_funding_share",
            "La part des financements publics est comprise entre 0 et 1 (ex. 0.45 pour 45 %).",
        ),
        (
            {"public_funding_share": -0.1},
            "public_funding_share",
            "La part des financements publics est comprise entre 0 et 1 (ex. 0.45 pour 45 %).",
        ),
        (
            {"cash_runway_months": -1},
            "cash_runway_months",
            "Le nombre de mois est compris entre 0 et 1200.",
        ),
        (
            {"social_debt_months": -0.5},
            "social_debt_months",
            "Le nombre de mois est compris entre 0 et 1200.",
        ),
        (
            {"cash_runway_months": "3"},
            "cash_runway_months",
            "Valeur attendue : un nombre (ou null si inconnu).",
        ),
        (
            {"social_debt_months": True},
            "social_debt_months",
            "Valeur attendue : un nombre (ou null si inconnu).",
        ),
        (
            {"situations": ["public_funding_cut", "faillite"]},
            "situations",
            "Situation inconnue : faillite. Valeurs possibles : activity_stopped, "
            "activity_reduced, revenue_loss, public_funding_cut, late_payments, cash_shortfall, "
            "volunteer_demobilisation, dispute, covid_crisis.",
        ),
        (
            {"situations": None},
            "situations",
            "Valeur attendue : une liste de codes de situation.",
        ),
        (
            {"collective_procedure": "redressement"},
            "collective_procedure",
            "Procédure collective inconnue « redressement ». Valeurs possibles : none, "
            "safeguard, receivership, liquidation (ou null si inconnue).",
        ),
        (
            {"diagnosis_severity": "grave"},
            "diagnosis_severity",
            "Gravité inconnue « grave ». Valeurs possibles : low, moderate, high, critical "
            "(ou null si inconnue).",
        ),
    ],
)
def test_bad_input_is_refused_in_french_field_by_field(client, body, field, message):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {
        "error": "Données invalides : le niveau de risque n'a pas été calculé.",
        "details": {field: message},
    }


def test_every_bad_field_is_reported_at_once(client):
    body = {"cash_runway_months": -2, "public_funding_share": 2, "extra": 1}
    details = post(client, body).json()["details"]
    assert set(details) == {"cash_runway_months", "public_funding_share", "extra"}


def test_not_an_object_unreadable_json_and_nan_are_refused_in_french(client):
    not_object = post(client, [1, 2])
    assert not_object.status_code == 400
    assert not_object.json()["details"] == {
        "body": "Le corps de la requête doit être un objet JSON."
    }
    unreadable = client.post(URL, "{cash", content_type="application/json")
    assert unreadable.status_code == 400
    assert unreadable.json()["error"] == "Le corps de la requête n'est pas du JSON valide."
    nan = client.post(URL, '{"cash_runway_months": NaN}', content_type="application/json")
    assert nan.status_code == 400
    assert nan.json()["details"] == {"cash_runway_months": "« nan » n'est pas un nombre."}


def test_a_huge_body_is_refused_before_reading(client):
    response = post(client, {"situations": ["dispute"] * 5000})
    assert response.status_code == 413
    assert response.json()["error"] == "Requête trop volumineuse (16 Ko au plus)."


def test_only_post_is_served(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response.json()["error"].startswith("Méthode GET non")
