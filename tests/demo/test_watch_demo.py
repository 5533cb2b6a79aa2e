"""The watch cells' demo: both demo agents find alerts of their zone in every state, follows,
a partner file, risk levels and meetings; loading again adds nothing and renews memberships."""

import datetime

import pytest
from django.utils import timezone

from aidess.accounts.models import User
from aidess.demo.accounts import create_demo_accounts
from aidess.demo.watch_cells import create_demo_watch
from aidess.organizations.models import OrganizationMembership
from aidess.territories.models import Commune
from aidess.watch.enums import AlertStatus
from aidess.watch.models import Alert, Indicator, Meeting, StructureRisk
from aidess.watch.permissions import alerts_visible_to, structures_watched_by
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    create_demo_accounts()
    for code in ("23008", "87085", "33063", "59350", "80021", "62041"):
        for _ in range(12):
            StructureFactory(commune=Commune.objects.get(code=code))
    return create_demo_watch(seed=7)


def agent(email):
    return User.objects.get(email=email)


def test_each_watch_agent_has_alerts_of_its_zone_in_many_states(demo):
    regional = agent("veille.regionale@demo.aidess.fr")
    national = agent("veille.nationale@demo.aidess.fr")

    mine = alerts_visible_to(regional)
    assert mine.count() >= 30
    assert set(mine.values_list("region_id", flat=True)) == {"75"}
    assert len(set(mine.values_list("status", flat=True))) >= 4
    assert set(alerts_visible_to(national).values_list("region_id", flat=True)) == {"75", "32"}
    assert Alert.objects.filter(status=AlertStatus.ESCALATED).exists()
    assert structures_watched_by(regional).exists()


def test_risk_levels_indicators_and_meetings_are_there(demo):
    assert StructureRisk.objects.count() == Alert.objects.values("structure").distinct().count()
    assert Indicator.objects.exists()
    closed, coming = Meeting.objects.order_by("held_on")
    assert closed.closed_at is not None and closed.items.exclude(decision="").exists()
    assert coming.closed_at is None and coming.items.exists()


def test_loading_again_adds_nothing_and_renews_memberships(demo):
    OrganizationMembership.objects.filter(user__email="veille.regionale@demo.aidess.fr").update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert create_demo_watch(seed=7) == 0
    membership = OrganizationMembership.objects.get(user__email="veille.regionale@demo.aidess.fr")
    assert membership.expires_on > timezone.localdate() + datetime.timedelta(days=150)
