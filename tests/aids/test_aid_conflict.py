"""Two funders of the same organisation save the same aid (and its criteria) from two open pages:
the second save is refused with what the first changed, and keeps what the second typed."""

import pytest
from django.test import Client
from django.urls import reverse

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind, Role, ScopeLevel
from tests.aids.helpers import form_data
from tests.factories import AidCriteriaFactory, OrganizationMembershipFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def funders():
    first = OrganizationMembershipFactory(
        role=Role.PROVIDER,
        scope=ScopeLevel.NATIONAL,
        user=UserFactory(first_name="Léa", last_name="Martin"),
    )
    assert first.organization.kind == OrganizationKind.PROVIDER
    second = OrganizationMembershipFactory(
        role=Role.PROVIDER, organization=first.organization, user=UserFactory()
    )
    return first, second


@pytest.fixture
def aid(funders):
    criteria = AidCriteriaFactory(
        aid__name="Fonds d'amorçage",
        aid__status=AidStatus.DRAFT,
        aid__providers=[funders[0].organization],
    )
    return criteria.aid


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_second_funder_save_is_refused_and_keeps_what_was_typed(funders, aid):
    url = reverse("aids:update", args=[aid.slug])
    alice, bob = signed_in(funders[0].user), signed_in(funders[1].user)
    alice_page = alice.get(url).content.decode()
    bob_page = bob.get(url).content.decode()  # opened before Alice saves

    data = form_data(alice_page, name="Fonds d'amorçage solidaire", **{"criteria-fte_min": "2"})
    assert alice.post(url, data).status_code == 302

    typed = "Pour lancer une activité nouvelle."
    response = bob.post(url, form_data(bob_page, short_description=typed))

    assert response.status_code == 409
    page = Page(response.content.decode())
    alert = page.text("version-conflict")
    assert "Cette aide a été modifiée par Léa Martin le " in alert
    assert "Nom : Fonds d'amorçage solidaire" in alert
    assert "ETP minimum : 2" in alert
    form = page.own_form()
    assert form.value("short_description") == typed, "what Bob typed is kept"
    assert form.value("version") == "2"
    aid.refresh_from_db()
    aid.criteria.refresh_from_db()
    assert (aid.name, aid.short_description) == ("Fonds d'amorçage solidaire", "Fonds d'amorçage.")
    assert aid.criteria.fte_min == 2, "Alice's criteria are kept"

    # Bob saves again from the redrawn page: his text on top of the new version.
    assert bob.post(url, form.data()).status_code == 302
    stored = Aid.objects.get(pk=aid.pk)
    assert (stored.short_description, stored.version) == (typed, 3)
    assert stored.updated_by == funders[1].user


def test_an_aid_archived_by_an_admin_action_is_not_written_back_by_a_stale_page(funders, aid):
    """The admin's bulk actions move the version on: a funder's page read before cannot revert them."""
    url = reverse("aids:update", args=[aid.slug])
    funder = signed_in(funders[0].user)
    page = funder.get(url).content.decode()
    admin = signed_in(UserFactory(admin=True))
    archived = admin.post(
        "/admin/aids/aid/", {"action": "archive", "_selected_action": [aid.pk], "index": 0}
    )
    assert archived.status_code == 302

    response = funder.post(url, form_data(page, short_description="Autre texte."))

    assert response.status_code == 409
    aid.refresh_from_db()
    assert (aid.status, aid.short_description) == (AidStatus.ARCHIVED, "Fonds d'amorçage.")
