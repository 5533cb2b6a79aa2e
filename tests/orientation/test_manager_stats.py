"""The managers' figures: what their network received, took, how fast it first answered
(median, in days), what expired and how satisfied the structures were; by organisation,
department and sector, for a period, on the page and in the XLSX."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aidess.organizations.models import Organization
from aidess.orientation import stats
from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.enums import Relaunch
from tests.factories import StructureFactory
from tests.orientation.handling_factories import days_ago, help_request, network, send, text_of

pytestmark = pytest.mark.django_db
PAGE = reverse("orientation:manager_stats")
XLSX = reverse("orientation:manager_stats_xlsx")


def answered(world, structure, sent_days_ago, after_days, organization=None, **fields):
    """A request sent `sent_days_ago`, taken `after_days` later."""
    sent = days_ago(sent_days_ago)
    taken = sent + datetime.timedelta(days=after_days)
    request = help_request(structure, sent=sent, first_answer_at=taken, **fields)
    send(request, organization or world.dla, status=R.TAKING_CARE, taken_at=taken)
    return request


def figures_world():
    world = network()
    lille = StructureFactory(name="Recyclerie de Lille", sector="environment")
    answered(world, world.structure, 30, 1, satisfaction_score=5)
    answered(world, world.structure, 20, 2, satisfaction_score=3)
    answered(world, world.structure, 10, 6)
    answered(world, lille, 12, 4, organization=world.correze, satisfaction_score=4)
    send(help_request(world.structure, sent=days_ago(40), relaunch=Relaunch.WATCH_CELL), world.dla)
    send(help_request(world.structure, sent=days_ago(2)), world.france_active)  # not managed
    return world


def test_figures_of_a_regional_network():
    world = figures_world()
    figures = stats.figures_for(Organization.objects.filter(parent=world.regional))
    total = figures.total
    assert (total.received, total.taken, total.expired) == (5, 4, 1)
    assert total.median_days == Decimal("3.0")  # 1, 2, 4, 6 days: (2 + 4) / 2
    assert (total.satisfaction, total.answers) == (Decimal("4.0"), 3)

    by_organization = {line.label: line for line in figures.by_organization}
    creuse = by_organization["DLA de la Creuse"]
    assert (creuse.received, creuse.taken, creuse.expired) == (4, 3, 1)
    assert creuse.median_days == Decimal("2.0")  # 1, 2, 6
    assert by_organization["DLA de la Corrèze"].median_days == Decimal("4.0")
    assert "France Active Nouvelle-Aquitaine" not in by_organization

    by_department = {line.label: line for line in figures.by_department}
    assert by_department["23 — Creuse"].received == 4
    assert by_department["59 — Nord"].satisfaction == Decimal("4.0")
    by_sector = {line.label: line.received for line in figures.by_sector}
    assert by_sector == {"Culture": 4, "Environnement": 1}


def test_a_period_keeps_the_requests_sent_in_it():
    world = figures_world()
    today = datetime.date.today()
    figures = stats.figures_for(
        Organization.objects.filter(parent=world.regional),
        start=today - datetime.timedelta(days=25),
        end=today - datetime.timedelta(days=11),
    )
    assert figures.total.received == 2  # sent 20 and 12 days ago
    assert figures.total.median_days == Decimal("3.0")


def test_the_page_and_its_xlsx_for_the_manager(login):
    world = figures_world()
    client = login(world.manager)
    page = text_of(client.get(PAGE))
    assert "DLA de la Creuse" in page and "23 — Creuse" in page and "Culture" in page
    assert "France Active" not in page

    response = client.get(XLSX, {"du": "", "au": ""})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Synthèse", "Par organisation", "Par département", "Par secteur"]
    rows = list(workbook["Par organisation"].values)
    assert rows[0][:3] == ("Organisation", "Reçues", "Prises en charge")
    assert ("DLA de la Creuse", 4, 3, 2, 1, 4, 2) in rows
    assert list(workbook["Synthèse"].values)[1][0] == "toutes les demandes"


def test_a_name_that_looks_like_a_formula_stays_text(login):
    world = network()
    world.dla.name = '=HYPERLINK("http://exemple.fr")'
    world.dla.save()
    send(help_request(world.structure), world.dla)
    response = login(world.manager).get(XLSX)
    workbook = load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in workbook["Par organisation"].values]
    assert '\'=HYPERLINK("http://exemple.fr")' in names


def test_a_wrong_period_is_said_in_french(login):
    world = figures_world()
    client = login(world.manager)
    response = client.get(PAGE, {"du": "2026-05-01", "au": "2026-04-01"})
    assert response.status_code == 400
    assert "La fin de la période précède son début." in text_of(response)
    response = client.get(PAGE, {"du": "demain"})
    assert response.status_code == 400
    assert "Saisissez une date valide" in text_of(response)
