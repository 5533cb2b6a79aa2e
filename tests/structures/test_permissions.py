"""Who sees and changes a structure's profile (structures/permissions.py), for every demo role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from aidess.structures.permissions import (
    can_change_structure,
    can_view_structure,
    member_structures,
    structure_for_change,
    structures_editable_by,
    structures_visible_to,
)
from tests.demo_roles import ROLES, Demo

pytestmark = pytest.mark.django_db

# (sees Paris, sees Aubusson): the demo structure in Paris 13e, one in Creuse (23, region 75)
SEES = {
    "member": (True, False),
    "advisor_dla_23": (False, True),
    "advisor_france_active_75": (False, True),
    "provider_75": (False, False),  # providers count eligible structures, never open them
    "watch_regional_75": (False, True),
    "watch_national": (True, True),
    "admin": (True, True),
    "anonymous": (False, False),
}
CHANGES = {role: (role in ("member", "admin"), role == "admin") for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_can_view_structure(role):
    demo = Demo()
    user = demo[role]
    assert (can_view_structure(user, demo.paris), can_view_structure(user, demo.aubusson)) == SEES[
        role
    ]


@pytest.mark.parametrize("role", ROLES)
def test_structures_visible_to(role):
    demo = Demo()
    visible = set(
        structures_visible_to(demo[role]).filter(pk__in=[demo.paris.pk, demo.aubusson.pk])
    )
    expected = {s for s, seen in zip((demo.paris, demo.aubusson), SEES[role], strict=True) if seen}
    assert visible == expected


@pytest.mark.parametrize("role", ROLES)
def test_can_change_structure(role):
    demo = Demo()
    user = demo[role]
    assert (
        can_change_structure(user, demo.paris),
        can_change_structure(user, demo.aubusson),
    ) == CHANGES[role]
    editable = structures_editable_by(user).filter(pk__in=[demo.paris.pk, demo.aubusson.pk])
    assert (demo.paris in editable, demo.aubusson in editable) == CHANGES[role]


@pytest.mark.parametrize("role", ROLES)
def test_structure_for_change_is_404_out_of_reach_and_403_read_only(role):
    demo = Demo()
    user = demo[role]
    for structure, seen, changed in zip(
        (demo.paris, demo.aubusson), SEES[role], CHANGES[role], strict=True
    ):
        if changed:
            assert structure_for_change(user, structure.pk) == structure
        elif seen:
            with pytest.raises(PermissionDenied):
                structure_for_change(user, structure.pk)
        else:
            with pytest.raises(Http404):
                structure_for_change(user, structure.pk)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_member_structures(role):
    """Its own structures only, for an administrator too (the search's default commune)."""
    demo = Demo()
    own = set(member_structures(demo[role]).filter(pk__in=[demo.paris.pk, demo.aubusson.pk]))
    assert own == ({demo.paris} if role == "member" else set())


def test_a_deactivated_advisor_no_longer_sees_its_territory(client, login):
    demo = Demo()
    login(demo.deactivate("advisor_dla_23"))

    assert not can_view_structure(demo["advisor_dla_23"], demo.aubusson)
    assert client.get(reverse("structures:detail", args=[demo.aubusson.pk])).status_code == 404


def test_a_deactivated_watch_agent_no_longer_sees_the_country():
    demo = Demo()
    user = demo.deactivate("watch_national")

    assert not structures_visible_to(user).filter(pk__in=[demo.paris.pk, demo.aubusson.pk]).exists()


def test_a_deactivated_member_no_longer_changes_its_structure(client, login):
    demo = Demo()
    login(demo.deactivate("member"))

    assert not can_change_structure(demo["member"], demo.paris)
    assert client.get(reverse("structures:update", args=[demo.paris.pk])).status_code == 404
