"""Roles and territories come from active memberships only (organizations/permissions.py)."""

import pytest

from aidess.organizations.enums import Role
from aidess.organizations.permissions import roles_of, scope_for
from tests.demo_roles import ROLES, Demo

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "member": {Role.STRUCTURE_MEMBER},
    "advisor_dla_23": {Role.ADVISOR},
    "advisor_france_active_75": {Role.ADVISOR},
    "provider_75": {Role.PROVIDER},
    "watch_regional_75": {Role.WATCH_AGENT},
    "watch_national": {Role.WATCH_AGENT},
    "admin": {Role.ADMIN},
    "anonymous": set(),
}

# (role asked, national, region codes, department codes) per person
EXPECTED_SCOPES = {
    "member": [],
    "advisor_dla_23": [(Role.ADVISOR, False, set(), {"23"})],
    "advisor_france_active_75": [(Role.ADVISOR, False, {"75"}, set())],
    "provider_75": [(Role.PROVIDER, False, {"75"}, set())],
    "watch_regional_75": [(Role.WATCH_AGENT, False, {"75"}, set())],
    "watch_national": [(Role.WATCH_AGENT, True, set(), set())],
    "admin": [],
    "anonymous": [],
}


@pytest.mark.parametrize("role", ROLES)
def test_roles_of_each_demo_person(role):
    demo = Demo()
    assert roles_of(demo[role]) == EXPECTED_ROLES[role]


@pytest.mark.parametrize("role", ROLES)
def test_scope_for_each_demo_person(role):
    demo = Demo()
    expected = {
        asked: (national, regions, departments)
        for asked, national, regions, departments in EXPECTED_SCOPES[role]
    }
    for asked in (Role.ADVISOR, Role.PROVIDER, Role.WATCH_AGENT):
        scope = scope_for(demo[role], asked)
        found = (scope.national, set(scope.region_codes), set(scope.department_codes))
        assert found == expected.get(asked, (False, set(), set())), asked


@pytest.mark.parametrize("role", ["advisor_dla_23", "provider_75", "watch_national", "member"])
def test_a_deactivated_membership_gives_neither_role_nor_territory(role):
    demo = Demo()
    user = demo.deactivate(role)

    assert roles_of(user) == set()
    for asked in (Role.ADVISOR, Role.PROVIDER, Role.WATCH_AGENT):
        assert scope_for(user, asked).is_empty
