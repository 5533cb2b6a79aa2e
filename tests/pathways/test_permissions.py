"""Who reads and changes a DLA pathway, for every demo role (tests/demo_roles.py): the DLA's
members change it, the structure's members read it and its leaders validate the diagnosis,
managers and administrators read it, everyone else gets a 404."""

import pytest
from django.urls import reverse

from aidess.organizations.models import Organization
from aidess.pathways import progress
from aidess.pathways.enums import Step
from aidess.pathways.permissions import (
    can_change_pathway,
    can_start_pathway,
    can_validate_diagnosis,
    pathways_visible_to,
)
from tests.demo_roles import ROLES, Demo
from tests.factories import OrganizationFactory, OrganizationMembershipFactory
from tests.pathways.helpers import move_to, started, taken_request

pytestmark = pytest.mark.django_db

READERS = {"member", "advisor_dla_23", "admin"}
RUNNERS = {"advisor_dla_23"}
LEADERS = {"member"}  # the demo structure's member is its administrator


@pytest.fixture
def demo():
    return Demo()


@pytest.fixture
def pathway(demo):
    """The demo structure's pathway with the DLA de la Creuse, at the shared diagnosis, submitted."""
    dla = Organization.objects.get(name="DLA de la Creuse")
    advisor = demo["advisor_dla_23"]
    pathway = started(taken_request(demo.paris, dla, advisor), advisor)
    pathway = move_to(pathway, Step.DIAGNOSIS, advisor, demo["member"])
    progress.submit_diagnosis(pathway, advisor, "Conclusions")
    return pathway


def status_for(client, user, method, url, data=None):
    if user.is_authenticated:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_rules_for_every_role(demo, pathway, role):
    user = demo[role]
    assert pathways_visible_to(user).filter(pk=pathway.pk).exists() == (role in READERS)
    assert can_change_pathway(user, pathway) == (role in RUNNERS)
    assert can_validate_diagnosis(user, pathway) == (role in LEADERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_pathway_page_for_every_role(client, demo, pathway, role):
    url = reverse("pathways:detail", args=[pathway.pk])
    expected = 302 if role == "anonymous" else (200 if role in READERS else 404)
    assert status_for(client, demo[role], "get", url) == expected


@pytest.mark.parametrize("role", ROLES)
def test_changing_for_every_role(client, demo, pathway, role):
    url = reverse("pathways:abandon", args=[pathway.pk])
    expected = {"anonymous": 302, "advisor_dla_23": 302, "member": 403, "admin": 403}
    status = status_for(client, demo[role], "post", url, {"abandon-comment": "Fin"})
    assert status == expected.get(role, 404)
    pathway.refresh_from_db()
    assert (pathway.status == "abandoned") == (role == "advisor_dla_23")


@pytest.mark.parametrize("role", ROLES)
def test_validating_the_diagnosis_for_every_role(client, demo, pathway, role):
    url = reverse("pathways:validate_diagnosis", args=[pathway.pk])
    expected = {"anonymous": 302, "member": 302, "advisor_dla_23": 403, "admin": 403}
    assert status_for(client, demo[role], "post", url) == expected.get(role, 404)
    assert pathway.diagnosis.__class__.objects.get(pk=pathway.diagnosis.pk).is_validated == (
        role == "member"
    )


@pytest.mark.parametrize("role", ROLES)
def test_starting_for_every_role(client, demo, role):
    dla = Organization.objects.get(name="DLA de la Creuse")
    recipient = taken_request(demo.aubusson, dla, demo["advisor_dla_23"])
    assert can_start_pathway(demo[role], recipient) == (role == "advisor_dla_23")
    url = reverse("pathways:start", args=[recipient.pk])
    expected = {"anonymous": 302, "advisor_dla_23": 200}
    assert status_for(client, demo[role], "get", url) == expected.get(role, 404)


def test_the_head_of_network_reads_without_changing(client, pathway):
    head = OrganizationFactory(name="DLA régional Nouvelle-Aquitaine")
    pathway.organization.parent = head
    pathway.organization.save()
    manager = OrganizationMembershipFactory(organization=head).user
    assert pathways_visible_to(manager).filter(pk=pathway.pk).exists()
    assert not can_change_pathway(manager, pathway)
    client.force_login(manager)
    assert client.get(reverse("pathways:detail", args=[pathway.pk])).status_code == 200
    url = reverse("pathways:abandon", args=[pathway.pk])
    assert client.post(url, {"abandon-comment": "Fin"}).status_code == 403


def test_a_deactivated_advisor_no_longer_sees_the_pathway(demo, pathway):
    advisor = demo.deactivate("advisor_dla_23")
    assert not pathways_visible_to(advisor).exists()
    assert not can_change_pathway(advisor, pathway)


def test_a_deactivated_leader_no_longer_validates(demo, pathway):
    leader = demo.deactivate("member")
    assert not can_validate_diagnosis(leader, pathway)
