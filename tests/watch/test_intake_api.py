"""POST /api/v1/watch/alerts with a watch cell's token: 201 with the alert, 200 for the same
external_id again, 400 in French, 403 outside the cell's zone or for a token of another kind."""

import datetime
import json
from decimal import Decimal

import pytest

from aidess.history.models import AuditEntry
from aidess.organizations.tokens import create_token
from aidess.watch.enums import AlertSource, AlertStatus
from aidess.watch.models import Alert
from tests.api.factories import bearer, provider_token
from tests.watch.intake_helpers import (
    ANGERS_SIRET,
    NOWHERE_SIRET,
    PAU_SIRET,
    agent,
    regional_membership,
    structure_in_bordeaux,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/watch/alerts"


@pytest.fixture
def regional():
    return regional_membership()


@pytest.fixture
def bordeaux():
    return structure_in_bordeaux()


def token_of(membership):
    return create_token(membership.organization, membership.user, "Logiciel de la cellule")[1]


def post(client, body, token):
    return client.post(
        URL, json.dumps(body), content_type="application/json", headers=bearer(token)
    )


def test_a_cell_s_software_files_an_alert_and_sending_it_again_changes_nothing(
    client, regional, bordeaux
):
    token = token_of(regional)
    body = {
        "siret": "444 444 442 00016",
        "cause": "late_public_payments",
        "amount": "12500.50",
        "jobs": 4.5,
        "cash_runs_out_on": "2027-02-28",
        "urgency": "high",
        "description": "Subvention 2026 non versée.",
        "confidential": True,
        "external_id": "DREETS-2026-17",
    }

    created = post(client, body, token)
    again = post(client, body, token)

    assert created.status_code == 201, created.json()
    alert = Alert.objects.get()
    assert created.json() == {
        "id": alert.pk,
        "status": "new",
        "structure_id": bordeaux.pk,
        "cell": "Cellule régionale de veille Nouvelle-Aquitaine",
    }
    assert again.status_code == 200
    assert again.json()["id"] == alert.pk
    assert Alert.objects.count() == 1
    assert alert.source == AlertSource.API
    assert alert.amount_at_stake_eur == Decimal("12500.50")
    assert alert.jobs_at_risk_fte == Decimal("4.5")
    assert alert.cash_runs_out_on == datetime.date(2027, 2, 28)
    assert alert.is_confidential and alert.created_by == regional.user
    assert alert.source_detail.startswith("API, jeton ")
    entry = AuditEntry.objects.get(object_pk=str(alert.pk), content_type__model="alert")
    assert entry.actor == regional.user
    assert entry.origin == "api"


def test_without_external_id_each_call_is_a_new_alert(client, regional, bordeaux):
    token = token_of(regional)
    for _ in range(2):
        assert post(client, {"siret": bordeaux.siret, "cause": "other"}, token).status_code == 201
    assert Alert.objects.filter(status=AlertStatus.NEW).count() == 2


def test_an_unknown_siret_is_looked_up_in_sirene(client, regional, sirene_api):
    response = post(client, {"siret": PAU_SIRET, "cause": "activity_loss"}, token_of(regional))

    assert response.status_code == 201
    assert Alert.objects.get().structure.name == "CENTRE SOCIAL 'CAP DE TOUT'"


@pytest.mark.parametrize(
    ("body", "place", "message"),
    [
        ({"cause": "other"}, "siret", "Champ obligatoire."),
        ({"siret": "44444444200017", "cause": "other"}, "siret", "clé de contrôle incorrecte"),
        ({"siret": "SIRET", "cause": "other"}, "siret", "14 chiffres attendus"),
        ({"siret": "BORDEAUX", "cause": "storm"}, "cause", "Valeur inconnue « storm »"),
        ({"siret": "BORDEAUX", "cause": "other", "amount": -1}, "amount", "nombre positif"),
        ({"siret": "BORDEAUX", "cause": "other", "amount": "1.234"}, "amount", "2 décimale"),
        ({"siret": "BORDEAUX", "cause": "other", "jobs": "1.25"}, "jobs", "1 décimale"),
        (
            {"siret": "BORDEAUX", "cause": "other", "cash_runs_out_on": "31/12/2026"},
            "cash_runs_out_on",
            "Date attendue au format AAAA-MM-JJ.",
        ),
        ({"siret": "BORDEAUX", "cause": "other", "urgency": "now"}, "urgency", "Valeur inconnue"),
        ({"siret": "BORDEAUX", "cause": "other", "colour": "red"}, "colour", "Champ inconnu."),
        ({"siret": NOWHERE_SIRET, "cause": "other"}, "siret", "introuvable dans le répertoire"),
    ],
)
def test_bad_input_is_refused_in_french(
    client, regional, bordeaux, sirene_api, body, place, message
):
    body = {key: bordeaux.siret if value == "BORDEAUX" else value for key, value in body.items()}

    response = post(client, body, token_of(regional))

    assert response.status_code == 400, response.json()
    assert message in response.json()["details"][place]
    assert not Alert.objects.exists()


def test_a_structure_outside_the_cell_s_zone_is_forbidden(client, regional, sirene_api):
    response = post(client, {"siret": ANGERS_SIRET, "cause": "other"}, token_of(regional))

    assert response.status_code == 403
    assert response.json()["error"] == (
        "Structure hors du territoire de la cellule (département 49)."
    )


def test_another_region_s_cell_or_a_provider_s_token_files_nothing(client, bordeaux):
    occitanie = agent("76")
    _org, _admin, provider = provider_token()

    other_cell = post(client, {"siret": bordeaux.siret, "cause": "other"}, token_of(occitanie))
    not_a_cell = post(client, {"siret": bordeaux.siret, "cause": "other"}, provider)
    no_token = client.post(URL, "{}", content_type="application/json")

    assert other_cell.status_code == 403
    assert not_a_cell.status_code == 403
    assert not_a_cell.json()["error"].startswith("Ce jeton n'est pas celui d'une cellule")
    assert no_token.status_code == 401
    assert not Alert.objects.exists()


def test_the_national_cell_s_token_files_for_the_regional_cell(client, regional, bordeaux):
    national = agent()

    response = post(client, {"siret": bordeaux.siret, "cause": "other"}, token_of(national))

    assert response.status_code == 201
    assert Alert.objects.get().cell == regional.organization
