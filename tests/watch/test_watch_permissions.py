"""Who sees what in the watch pages, for every demo role (tests/demo_roles.py): the zone, the
cell's confidentiality, expired memberships, and the log of confidential reads."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from aidess.watch.enums import AlertStatus
from aidess.watch.models import Alert, ConfidentialAccess
from aidess.watch.permissions import alerts_visible_to, structures_reachable_by
from tests.demo_roles import ROLES, Demo
from tests.watch.helpers import file

pytestmark = pytest.mark.django_db
AGENTS = {"watch_regional_75", "watch_national"}
HOME = reverse("watch:home")


@pytest.fixture
def demo():
    return Demo()


@pytest.fixture
def alerts(demo):
    """Aubusson (23, Nouvelle-Aquitaine) by the regional cell, Paris by the national cell."""
    return file(demo, demo.aubusson), file(demo, demo.paris, role="watch_national")


def as_role(client, demo, role):
    if role != "anonymous":
        client.force_login(demo[role], backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize("role", ROLES)
def test_home_is_for_watch_agents(client, demo, alerts, role):
    response = as_role(client, demo, role).get(HOME)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    elif role in AGENTS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "réservées aux membres des cellules de veille" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_structure_pages_by_role(client, demo, alerts, role):
    client = as_role(client, demo, role)
    aubusson = client.get(reverse("watch:structure", args=[demo.aubusson.pk]))
    paris = client.get(reverse("watch:structure", args=[demo.paris.pk]))
    expected = {
        "watch_regional_75": (200, 404),
        "watch_national": (200, 200),
        "anonymous": (302, 302),
    }.get(role, (403, 403))
    assert (aubusson.status_code, paris.status_code) == expected


@pytest.mark.parametrize("role", ROLES)
def test_alerts_and_structures_visible_by_role(demo, alerts, role):
    aubusson_alert, paris_alert = alerts
    expected = {
        "watch_regional_75": {aubusson_alert},
        "watch_national": {aubusson_alert, paris_alert},
    }.get(role, set())
    assert set(alerts_visible_to(demo[role])) == expected
    assert set(structures_reachable_by(demo[role])) == {a.structure for a in expected}


def test_regional_list_shows_aubusson_not_paris(client, demo, alerts):
    html = as_role(client, demo, "watch_regional_75").get(HOME).content.decode()
    assert "Tapisserie solidaire" in html and "Théâtre Stéphane Gildas" not in html


def test_national_list_shows_both(client, demo, alerts):
    html = as_role(client, demo, "watch_national").get(HOME).content.decode()
    assert "Tapisserie solidaire" in html and "Théâtre Stéphane Gildas" in html


def test_confidential_alert_only_within_its_cell(client, demo):
    alert = file(demo, demo.aubusson, is_confidential=True)
    national = as_role(client, demo, "watch_national")
    assert "Tapisserie solidaire" not in national.get(HOME).content.decode()
    assert national.get(reverse("watch:structure", args=[demo.aubusson.pk])).status_code == 404
    # Once escalated, the national cell reads it.
    Alert.objects.filter(pk=alert.pk).update(status=AlertStatus.ESCALATED)
    assert national.get(reverse("watch:structure", args=[demo.aubusson.pk])).status_code == 200


def test_every_view_of_a_confidential_alert_is_logged(client, demo):
    file(demo, demo.aubusson, is_confidential=True)
    url = reverse("watch:structure", args=[demo.aubusson.pk])
    agent = as_role(client, demo, "watch_regional_75")
    agent.get(url)
    agent.get(url)
    logs = ConfidentialAccess.objects.filter(structure=demo.aubusson)
    assert logs.count() == 2
    assert {(log.user, log.path) for log in logs} == {(demo["watch_regional_75"], url)}


def test_non_confidential_views_are_not_logged(client, demo, alerts):
    as_role(client, demo, "watch_regional_75").get(
        reverse("watch:structure", args=[demo.aubusson.pk])
    )
    assert not ConfidentialAccess.objects.exists()


def test_expired_membership_sees_nothing(client, demo, alerts):
    agent = demo["watch_regional_75"]
    agent.organization_memberships.update(expires_on=timezone.localdate() - timedelta(days=1))
    client = as_role(client, demo, "watch_regional_75")
    assert client.get(HOME).status_code == 403
    assert client.get(reverse("watch:structure", args=[demo.aubusson.pk])).status_code == 403
    assert not alerts_visible_to(agent).exists()


def test_renewed_membership_sees_again(client, demo, alerts):
    agent = demo["watch_regional_75"]
    agent.organization_memberships.update(expires_on=timezone.localdate() + timedelta(days=1))
    assert as_role(client, demo, "watch_regional_75").get(HOME).status_code == 200


def test_deactivated_agent_sees_nothing(client, demo, alerts):
    demo.deactivate("watch_regional_75")
    assert as_role(client, demo, "watch_regional_75").get(HOME).status_code == 403


def test_actions_outside_reach_are_404_and_not_allowed_403(client, demo, alerts):
    aubusson_alert, paris_alert = alerts
    regional = as_role(client, demo, "watch_regional_75")
    url = reverse("watch:alert_action", args=[paris_alert.pk, "qualify"])
    assert regional.post(url, {}).status_code == 404
    client.logout()
    national = as_role(client, demo, "watch_national")
    response = national.post(reverse("watch:alert_action", args=[aubusson_alert.pk, "qualify"]))
    assert response.status_code == 403 and "ne vous est pas permise" in response.content.decode()
    aubusson_alert.refresh_from_db()
    assert aubusson_alert.status == AlertStatus.NEW


def test_export_follows_the_zone(client, demo, alerts):
    response = as_role(client, demo, "watch_regional_75").get(reverse("watch:export"))
    names = [
        row[0]
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]
    assert names == ["Nom", "Tapisserie solidaire d'Aubusson"]


def test_national_filing_a_confidential_alert_for_a_regional_cell_lands_home(client, demo):
    national = as_role(client, demo, "watch_national")
    response = national.post(
        reverse("watch:report"),
        {
            "name": "Ressourcerie",
            "commune": "Aubusson (23008)",
            "cause": "other",
            "urgency": "low",
            "is_confidential": "on",
        },
    )
    alert = Alert.objects.get()
    assert alert.cell.name.startswith("Cellule régionale") and alert.is_confidential
    assert response.status_code == 302 and response["Location"] == HOME
