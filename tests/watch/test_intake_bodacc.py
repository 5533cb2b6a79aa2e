"""Collective procedures read from a real local HTTP server answering like the BODACC API:
one alert per announcement of a watched structure, a rectification replacing what the notice
said, a cancellation taking the procedure off, pages followed, failures reported."""

import copy

import pytest

from aidess.territories.models import Commune
from aidess.watch.enums import AlertCause, AlertSource, AlertStatus, CollectiveProcedure
from aidess.watch.intake.bodacc import procedure_of, sync
from aidess.watch.models import Alert, Follow, StructureRisk
from aidess.watch.tasks import bodacc_daily
from tests.factories import StructureFactory
from tests.replay_server import SilentServer
from tests.watch.bodacc_server import BodaccServer, fixture_records
from tests.watch.intake_helpers import (
    ANGERS_SIRET,
    PAU_SIRET,
    regional_membership,
    structure_in_bordeaux,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def watched():
    """Bordeaux followed by the Nouvelle-Aquitaine cell, Pau with an open alert, Angers
    neither (the BODACC is not asked about it)."""
    cell = regional_membership().organization
    bordeaux = structure_in_bordeaux()
    Follow.objects.create(cell=cell, structure=bordeaux, reason="Baisse de subvention")
    pau = StructureFactory(siret=PAU_SIRET, commune=Commune.objects.get(code="64373"))
    Alert.objects.create(structure=pau, cell=cell, cause=AlertCause.OTHER, source="cell")
    StructureFactory(siret=ANGERS_SIRET, commune=Commune.objects.get(code="49007"))
    return cell, bordeaux, pau


def bodacc_alerts(structure):
    return list(structure.alerts.filter(source=AlertSource.BODACC).order_by("external_id"))


def test_each_announcement_of_a_watched_structure_becomes_an_alert(
    watched, django_capture_on_commit_callbacks
):
    cell, bordeaux, pau = watched
    with BodaccServer() as server, django_capture_on_commit_callbacks(execute=True):
        report = sync(base_url=server.url)

    asked = sorted(query["where"] for _, query in server.requests)
    assert asked == [
        'familleavis="collective" AND registre="338365059"',
        'familleavis="collective" AND registre="444444442"',
    ]
    assert (report.sirens, report.created, report.failures) == (2, 2, [])
    opening, plan = bodacc_alerts(bordeaux)
    assert opening.external_id == "A202601790001"
    assert opening.cell == cell
    assert opening.cause == AlertCause.COLLECTIVE_PROCEDURE
    # the rectification said safeguard, not receivership
    assert opening.collective_procedure == CollectiveProcedure.SAFEGUARD
    assert opening.description.startswith(
        "Jugement d'ouverture d'une procédure de sauvegarde — TRIBUNAL JUDICIAIRE DE BORDEAUX — "
        "jugement du 3 septembre 2026."
    )
    assert "Avis rectificatif (annonce A202601850002)" in opening.description
    assert opening.source_detail.endswith("q.id=id:A202601850002")  # the notice in force
    assert plan.collective_procedure == CollectiveProcedure.SAFEGUARD
    assert "Jugement arrêtant le plan de sauvegarde — Plan adopté" in plan.description
    # Pau's liquidation was cancelled before the watch saw it: nothing to tell
    assert bodacc_alerts(pau) == []
    assert StructureRisk.objects.get(structure=bordeaux).level == "red"


def test_running_again_changes_nothing_and_a_siren_is_asked_once(watched):
    cell, bordeaux, _pau = watched
    other_site = StructureFactory(siret="44444444200024", commune=bordeaux.commune)
    Follow.objects.create(cell=cell, structure=other_site, reason="Même association")
    with BodaccServer() as server:
        sync(base_url=server.url)
        again = sync(base_url=server.url)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert again.sirens == 2
    assert len(server.requests) == 4  # two SIRENs, two runs
    assert Alert.objects.filter(source=AlertSource.BODACC).count() == 2


def test_a_cancellation_takes_the_procedure_off_an_alert_already_made(watched):
    _cell, _bordeaux, pau = watched
    records = fixture_records()
    liquidation = [r for r in records if r["id"] == "A202601950004"]
    with BodaccServer(records=liquidation) as server:
        sync(base_url=server.url)
    (alert,) = bodacc_alerts(pau)
    assert alert.collective_procedure == CollectiveProcedure.LIQUIDATION

    with BodaccServer(records=records) as server:
        report = sync(base_url=server.url)

    alert.refresh_from_db()
    assert report.updated == 1
    assert alert.collective_procedure == CollectiveProcedure.NONE
    assert "Annonce annulée par un avis d'annulation" in alert.description
    assert alert.status == AlertStatus.NEW  # the cell closes it


def test_pages_of_a_hundred_are_followed(watched):
    _cell, bordeaux, _pau = watched
    first = fixture_records()[0]
    records = []
    for number in range(105):
        record = copy.deepcopy(first)
        record["id"] = f"A2026{number:08d}"
        record["numeroannonce"] = str(number)
        records.append(record)

    with BodaccServer(records=records) as server:
        report = sync(base_url=server.url)

    offsets = [query["offset"] for _, query in server.requests if "444444442" in query["where"]]
    assert offsets == ["0", "100"]
    assert report.created == 105
    assert len(bodacc_alerts(bordeaux)) == 105


def test_a_failing_or_silent_api_is_reported_and_the_others_go_on(watched):
    _cell, bordeaux, pau = watched
    with BodaccServer(failing={"444444442"}) as server:
        report = sync(base_url=server.url)
    assert report.failures == ["444444442"]
    assert report.sirens == 2

    with SilentServer() as silent:
        report = sync(base_url=silent.url, timeout=0.3)
    assert sorted(report.failures) == ["338365059", "444444442"]
    assert bodacc_alerts(bordeaux) == []


def test_the_daily_job_reads_the_configured_api(watched, settings):
    _cell, bordeaux, _pau = watched
    with BodaccServer() as server:
        settings.BODACC_API_URL = server.url
        bodacc_daily()

    assert len(bodacc_alerts(bordeaux)) == 2


@pytest.mark.parametrize(
    ("nature", "procedure"),
    [
        ("Jugement d'ouverture d'une procédure de sauvegarde", "safeguard"),
        ("Jugement d'ouverture d'une procédure de redressement judiciaire", "receivership"),
        ("Jugement de conversion en liquidation judiciaire", "liquidation"),
        ("Jugement de clôture pour insuffisance d'actif", "liquidation"),
        ("Jugement de clôture de la procédure de sauvegarde", "none"),
        ("Jugement arrêtant le plan de redressement", "receivership"),
        ("Extrait de jugement", ""),
    ],
)
def test_the_procedure_is_read_from_the_judgment_s_nature(nature, procedure):
    assert procedure_of(nature) == procedure
