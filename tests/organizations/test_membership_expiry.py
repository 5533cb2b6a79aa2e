"""A watch cell's membership lasts until `expires_on` (6 months unless renewed): after that day
the agent has no zone and no role left."""

import datetime

import pytest
from django.utils import timezone

from aidess.organizations.enums import Role, ScopeLevel
from aidess.organizations.permissions import roles_of, scope_for
from tests.factories import OrganizationMembershipFactory

pytestmark = pytest.mark.django_db


def watch_agent(expires_on):
    return OrganizationMembershipFactory(
        role=Role.WATCH_AGENT, scope=ScopeLevel.REGIONAL, regions=["75"], expires_on=expires_on
    )


def test_membership_gives_its_zone_until_its_last_day():
    today = timezone.localdate()
    membership = watch_agent(expires_on=today)

    assert scope_for(membership.user, Role.WATCH_AGENT).region_codes == {"75"}
    assert Role.WATCH_AGENT in roles_of(membership.user)


def test_expired_membership_gives_nothing():
    membership = watch_agent(expires_on=timezone.localdate() - datetime.timedelta(days=1))

    assert scope_for(membership.user, Role.WATCH_AGENT).is_empty
    assert Role.WATCH_AGENT not in roles_of(membership.user)


def test_renewed_membership_gives_its_zone_back():
    membership = watch_agent(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    membership.expires_on = timezone.localdate() + datetime.timedelta(days=183)
    membership.save()

    assert scope_for(membership.user, Role.WATCH_AGENT).region_codes == {"75"}


def test_a_new_watch_cell_membership_lasts_six_months_and_renewal_restarts_them():
    membership = OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL)
    today = timezone.localdate()
    assert membership.expires_on == today + datetime.timedelta(days=183)

    membership.expires_on = today - datetime.timedelta(days=2)
    membership.save()
    assert scope_for(membership.user, Role.WATCH_AGENT).is_empty
    membership.renew()
    assert membership.expires_on == today + datetime.timedelta(days=183)
    assert scope_for(membership.user, Role.WATCH_AGENT).national


def test_other_memberships_do_not_expire():
    membership = OrganizationMembershipFactory(role=Role.ADVISOR, departments=["23"])
    assert membership.expires_on is None
