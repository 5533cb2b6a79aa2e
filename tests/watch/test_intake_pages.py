"""The intake pages: who may import, the report page, errors next to the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aidess.watch.models import Alert, ImportBatch
from tests.factories import UserFactory
from tests.html import Page
from tests.watch.intake_helpers import (
    agent,
    csv_bytes,
    regional_membership,
    structure_in_bordeaux,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regional():
    return regional_membership()


@pytest.fixture
def bordeaux_structure():
    return structure_in_bordeaux()


URL = "/veille/imports/signalements/"


def upload(client, content, name="f.csv", url=URL, **fields):
    data = {"partner": "France Active", "file": SimpleUploadedFile(name, content), **fields}
    return client.post(url, data)


def test_an_agent_uploads_a_file_and_reads_its_report(regional, bordeaux_structure, login):
    client = login(regional.user)
    page = client.get(URL)
    assert "Identifiant partenaire" in page.content.decode()  # the columns are documented

    response = upload(client, csv_bytes([["SIRET", "Cause"], [bordeaux_structure.siret, "other"]]))

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/veille/imports/{batch.pk}/"
    report = client.get(response["Location"]).content.decode()
    assert "1 ligne créée, 0 inchangée (déjà importée), 0 refusée." in Page(report).text("summary")
    assert f"Signalement n° {Alert.objects.get().pk} créé (Ressourcerie de Bordeaux)." in report
    assert "f.csv" in client.get("/veille/imports/").content.decode()


def test_a_file_too_large_or_unreadable_is_said_next_to_the_field(regional, login):
    client = login(regional.user)

    too_big = upload(client, b"a" * (2 * 1024 * 1024 + 1))
    no_cause = upload(client, csv_bytes([["SIRET"], ["44444444200016"]]))

    assert too_big.status_code == 400
    assert "Le fichier dépasse 2 Mo" in too_big.content.decode()
    assert no_cause.status_code == 400
    assert "Colonne(s) manquante(s) : « Cause »" in Page(no_cause.content.decode()).all_text
    assert not ImportBatch.objects.exists()


def test_only_watch_agents_import(login, client):
    assert client.get(URL).status_code == 302  # to the login page
    login(UserFactory())
    assert client.get(URL).status_code == 403
    assert client.get("/veille/imports/").status_code == 403
    assert client.get("/veille/imports/modele-signalements.csv").status_code == 403


def test_another_cells_report_is_not_found(regional, bordeaux_structure, login):
    client = login(regional.user)
    upload(client, csv_bytes([["SIRET", "Cause"], [bordeaux_structure.siret, "other"]]))
    batch = ImportBatch.objects.get()

    login(agent("75").user)  # another cell of the same region

    assert client.get(f"/veille/imports/{batch.pk}/").status_code == 404
    assert client.get("/veille/imports/modele-autre.csv").status_code == 404


def test_an_expired_membership_no_longer_imports(regional, login):
    import datetime

    regional.expires_on = datetime.date(2020, 1, 1)
    regional.save()

    assert login(regional.user).get(URL).status_code == 403
