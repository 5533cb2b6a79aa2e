"""Who reaches the advisors' and managers' pages, for every demo role: the advisor home for
members of support organisations (403 for the others), a received request's card for its
organisation (404 for anyone who may not know it exists; administrators and the network's
managers read it, 403 when they act), the figures for managers and administrators."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from aidess.organizations.models import Organization
from aidess.orientation.enums import RecipientStatus as R
from tests.demo_roles import ROLES, Demo
from tests.orientation.handling_factories import (
    help_request,
    member_of,
    send,
    support_organization,
)

pytestmark = pytest.mark.django_db
HOME = reverse("orientation:advisor_home")
STATS = reverse("orientation:manager_stats")
ADVISORS = {"advisor_dla_23", "advisor_france_active_75"}


@pytest.fixture
def demo():
    return Demo()


@pytest.fixture
def received(demo):
    """A request of the Aubusson structure received by the demo's DLA de la Creuse."""
    return send(help_request(demo.aubusson), Organization.objects.get(name="DLA de la Creuse"))


def status_for(client, login, demo, role, url, method="get"):
    user = demo[role]
    if user.is_authenticated:
        client = login(user)
    return getattr(client, method)(url).status_code


@pytest.mark.parametrize("role", ROLES)
def test_the_advisor_home(client, login, demo, role):
    expected = 200 if role in ADVISORS else 302 if role == "anonymous" else 403
    assert status_for(client, login, demo, role, HOME) == expected


@pytest.mark.parametrize("role", ROLES)
def test_a_received_requests_card(client, login, demo, received, role):
    url = reverse("orientation:advisor_card", args=[received.pk])
    expected = {"advisor_dla_23": 200, "admin": 200, "anonymous": 302}.get(role, 404)
    assert status_for(client, login, demo, role, url) == expected


@pytest.mark.parametrize("role", ROLES)
def test_taking_a_received_request(client, login, demo, received, role):
    url = reverse("orientation:advisor_transition", args=[received.pk, "take"])
    expected = {"advisor_dla_23": 302, "admin": 403, "anonymous": 302}.get(role, 404)
    assert status_for(client, login, demo, role, url, "post") == expected
    received.refresh_from_db()
    assert received.status == (R.TAKING_CARE if role == "advisor_dla_23" else R.WAITING)


@pytest.mark.parametrize("role", ROLES)
def test_declining_a_received_request(client, login, demo, received, role):
    url = reverse("orientation:advisor_decline", args=[received.pk])
    expected = {"advisor_dla_23": 400, "admin": 403, "anonymous": 302}.get(role, 404)
    assert status_for(client, login, demo, role, url, "post") == expected  # 400: no reason
    received.refresh_from_db()
    assert received.status == R.WAITING


@pytest.mark.parametrize("role", ROLES)
def test_the_figures(client, login, demo, role):
    expected = {"admin": 200, "anonymous": 302}.get(role, 403)
    assert status_for(client, login, demo, role, STATS) == expected
    xlsx = reverse("orientation:manager_stats_xlsx")
    assert status_for(client, login, demo, role, xlsx) == expected


def test_a_network_manager_reads_its_organisations_cards_and_figures_but_does_not_act(
    login, demo, received
):
    regional = support_organization("DLA régional Nouvelle-Aquitaine", regions=["75"])
    received.organization.parent = regional
    received.organization.save()
    manager = member_of(regional)
    client = login(manager)
    assert client.get(reverse("orientation:advisor_card", args=[received.pk])).status_code == 200
    take = reverse("orientation:advisor_transition", args=[received.pk, "take"])
    assert client.post(take).status_code == 403
    assert client.get(STATS).status_code == 200
    assert client.get(HOME).status_code == 200  # a member of a support organisation too


def test_a_deactivated_advisor_loses_the_pages(login, demo, received):
    advisor = demo.deactivate("advisor_dla_23")
    client = login(advisor)
    assert client.get(HOME).status_code == 403
    assert client.get(reverse("orientation:advisor_card", args=[received.pk])).status_code == 404


def render_section(user):
    request = RequestFactory().get("/tableau-de-bord/")
    request.user = user
    template = Template("{% load orientation_home %}{% orientation_home_section %}")
    return template.render(Context({"request": request}))


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_section(demo, received, role):
    html = render_section(demo[role])
    assert ("À prendre&nbsp;: 1" in html) == (role == "advisor_dla_23")
    assert ("À prendre&nbsp;: 0" in html) == (role == "advisor_france_active_75")
    assert (reverse("orientation:manager_stats") in html) == (role == "admin")
