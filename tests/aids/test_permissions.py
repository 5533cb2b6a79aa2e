"""Who reads, edits, creates and publishes aids (aids/permissions.py and the lifecycle's rules in
aids/moderation.py), for every demo role."""

import pytest
from django.urls import reverse

from aidess.aids.enums import AidStatus
from aidess.aids.moderation import AID_LIFECYCLE, can_publish_aid
from aidess.aids.permissions import aids_visible_to, can_change_aid, can_create_aid, can_view_aid
from aidess.organizations.models import Organization
from tests.aids.helpers import make_aid
from tests.demo_roles import ROLES, Demo

pytestmark = pytest.mark.django_db

EDITORS = {"provider_75", "admin"}  # DREETS Nouvelle-Aquitaine's members, the administrators


def dreets_aid(status):
    dreets = Organization.objects.get(name="DREETS Nouvelle-Aquitaine")
    return make_aid(f"Aide DREETS ({status})", providers=[dreets], status=status)


@pytest.mark.parametrize("role", ROLES)
def test_can_view_aid(role):
    demo = Demo()
    draft, published = dreets_aid(AidStatus.DRAFT), dreets_aid(AidStatus.PUBLISHED)
    user = demo[role]

    assert can_view_aid(user, published)
    assert can_view_aid(user, draft) == (role in EDITORS)
    assert set(aids_visible_to(user).filter(pk__in=[draft.pk, published.pk])) == (
        {draft, published} if role in EDITORS else {published}
    )


@pytest.mark.parametrize("role", ROLES)
def test_can_change_aid(role):
    demo = Demo()
    for status in (AidStatus.DRAFT, AidStatus.PUBLISHED):
        assert can_change_aid(demo[role], dreets_aid(status)) == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_can_create_aid(role):
    demo = Demo()
    assert can_create_aid(demo[role]) == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_can_publish_aid(role):
    """Only the administrators: submitted aids, and drafts (their own, imports) as a shortcut."""
    demo = Demo()
    for status in (AidStatus.SUBMITTED, AidStatus.DRAFT):
        assert can_publish_aid(demo[role], dreets_aid(status)) == (role == "admin")
    for status in (AidStatus.PUBLISHED, AidStatus.REFUSED, AidStatus.ARCHIVED):
        assert not can_publish_aid(demo[role], dreets_aid(status))


@pytest.mark.parametrize("role", ROLES)
def test_the_buttons_each_role_gets(role):
    """The funder submits and withdraws, the administrators publish and refuse; others nothing."""
    demo = Demo()
    user = demo[role]

    def offered(status):
        return {t.name for t in AID_LIFECYCLE.available(dreets_aid(status), user)}

    editor = role in EDITORS
    moderator = role == "admin"
    assert offered(AidStatus.DRAFT) == ({"submit", "archive"} if editor else set()) | (
        {"publish"} if moderator else set()
    )
    assert offered(AidStatus.SUBMITTED) == ({"to_draft"} if editor else set()) | (
        {"publish", "refuse"} if moderator else set()
    )
    assert offered(AidStatus.PUBLISHED) == ({"close", "archive"} if editor else set())
    assert offered(AidStatus.REFUSED) == ({"submit", "to_draft", "archive"} if editor else set())


def test_a_deactivated_provider_no_longer_edits_nor_creates():
    demo = Demo()
    draft = dreets_aid(AidStatus.DRAFT)
    user = demo.deactivate("provider_75")

    assert not can_change_aid(user, draft)
    assert not can_view_aid(user, draft)
    assert not can_create_aid(user)


@pytest.mark.parametrize("role", ["provider_75", "admin"])
def test_pages_show_the_publish_button_and_the_provider_link_by_rule(role, client, login):
    """The page shows the lifecycle's buttons the person may press: the provider edits and
    submits, it does not publish."""
    demo = Demo()
    draft = dreets_aid(AidStatus.DRAFT)
    login(demo[role])

    detail = client.get(draft.get_absolute_url()).content.decode()
    dashboard = client.get(reverse("core:dashboard")).content.decode()

    assert "Modifier l'aide" in detail
    assert ("Publier</button>" in detail) == (role == "admin")
    assert "Les aides de mon organisation" in dashboard


def test_the_dashboard_hides_the_provider_link_from_others(client, login):
    demo = Demo()
    login(demo["advisor_dla_23"])
    assert (
        "Les aides de mon organisation"
        not in client.get(reverse("core:dashboard")).content.decode()
    )


def test_publishing_is_for_administrators_only(client, login):
    demo = Demo()
    draft = dreets_aid(AidStatus.SUBMITTED)
    url = reverse("aids:transition", args=[draft.slug, "publish"])

    login(demo["provider_75"])
    assert client.post(url).status_code == 403
    login(demo["advisor_dla_23"])
    assert client.post(url).status_code == 404  # an aid it cannot see
    login(demo["admin"])
    assert client.post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.status == AidStatus.PUBLISHED
