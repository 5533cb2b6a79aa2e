"""Who may list the structures eligible to an aid (eligibility/permissions.py), for every demo role:
the aid's editors, a provider within its territory only."""

import pytest
from django.urls import reverse

from aidess.aids.enums import AidStatus
from aidess.eligibility.permissions import can_target, targets_visible_to
from aidess.organizations.models import Organization
from aidess.structures.models import Structure
from tests.aids.helpers import make_aid
from tests.demo_roles import ROLES, Demo

pytestmark = pytest.mark.django_db

EDITORS = {"provider_75", "admin"}


def dreets_aid():
    dreets = Organization.objects.get(name="DREETS Nouvelle-Aquitaine")
    return make_aid("Aide DREETS", providers=[dreets], status=AidStatus.PUBLISHED)


@pytest.mark.parametrize("role", ROLES)
def test_can_target(role, client, login):
    demo = Demo()
    aid = dreets_aid()

    assert can_target(demo[role], aid) == (role in EDITORS)
    if role != "anonymous":
        login(demo[role])
        page = client.get(reverse("eligibility:eligible_structures", args=[aid.slug]))
        assert page.status_code == (200 if role in EDITORS else 403)  # the aid is public


@pytest.mark.parametrize("role", ROLES)
def test_targets_visible_to(role):
    """The provider of Nouvelle-Aquitaine counts Aubusson (23), not Paris; an admin both; the
    others no provider territory at all (advisors see structures, they do not target them)."""
    demo = Demo()
    both = Structure.objects.filter(pk__in=[demo.paris.pk, demo.aubusson.pk])

    expected = {
        "provider_75": {demo.aubusson},
        "admin": {demo.paris, demo.aubusson},
    }.get(role, set())
    assert set(targets_visible_to(demo[role], both)) == expected


def test_a_deactivated_provider_neither_targets_nor_counts():
    demo = Demo()
    aid = dreets_aid()
    user = demo.deactivate("provider_75")
    both = Structure.objects.filter(pk__in=[demo.paris.pk, demo.aubusson.pk])

    assert not can_target(user, aid)
    assert not targets_visible_to(user, both).exists()
