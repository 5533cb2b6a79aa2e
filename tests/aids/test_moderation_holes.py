"""The moderation holes measured in issue 12: a funder could make an aid public without the
team (closed aids are public), keep "Publiée" so that later edits skipped moderation, and name any
organisation as co-funder; the admin's bulk publication left no trace."""

import re

import pytest
from django.contrib.admin.sites import site
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import timezone

from aidess.aids.admin import AidAdmin
from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.aids.search import search_aids
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from tests.aids.helpers import field_error, form_data, make_aid
from tests.factories import OrganizationFactory, UserFactory, partner

pytestmark = pytest.mark.django_db

CREATE_URL = "/aides/nouvelle/"
NAME = "Fonds de relance des ressourceries"
PUBLIC = {AidStatus.PUBLISHED, AidStatus.CLOSED}


@pytest.fixture
def organization(client, login):
    user = partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])
    login(user)
    return Organization.objects.get(memberships__user=user)


def post_form(client, organization, url=CREATE_URL, **changes):
    """The edit page's form as a person fills it in, plus whatever an attacker adds."""
    page = client.get(url).content.decode()
    fields = {
        "name": NAME,
        "short_description": "Réemploi et emploi local.",
        "kind": "grant",
        "providers": [str(organization.pk)],
        "regions": ["32"],
        **changes,
    }
    return client.post(url, form_data(page, **fields))


def found(text):
    return {aid.name for aid in search_aids({"q": text}, timezone.localdate()).all()}


@pytest.mark.parametrize("status", ["closed", "published"])
def test_a_funder_creating_an_aid_cannot_make_it_public(client, organization, status):
    page = client.get(CREATE_URL).content.decode()
    assert 'name="status"' not in page  # the form offers no status at all

    response = post_form(client, organization, status=status)

    assert response.status_code == 302
    aid = Aid.objects.get(name=NAME)
    assert aid.status == AidStatus.DRAFT
    client.logout()
    assert client.get(aid.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("start", [AidStatus.CLOSED, AidStatus.ARCHIVED, AidStatus.REFUSED])
def test_a_funder_editing_its_aid_cannot_publish_it_by_a_posted_status(client, organization, start):
    """Before: a closed aid offered every status, "Publiée" included, to its funder."""
    aid = make_aid(NAME, providers=[organization], regions=["32"], status=start)

    post_form(client, organization, url=f"/aides/{aid.slug}/modifier/", status="published")

    aid.refresh_from_db()
    assert aid.status != AidStatus.PUBLISHED
    assert NAME not in found("ressourceries")


def test_a_funder_editing_its_published_aid_sends_it_back_to_moderation(client, organization):
    """Before: the funder kept "Publiée" and its edit went live at once."""
    aid = make_aid(NAME, providers=[organization], regions=["32"])

    response = post_form(
        client, organization, url=f"/aides/{aid.slug}/modifier/", description="Texte changé."
    )

    assert response.status_code == 302
    aid.refresh_from_db()
    assert aid.status == AidStatus.SUBMITTED
    assert NAME not in found("ressourceries")
    log = TransitionLog.objects.get(object_id=aid.pk)
    assert (log.from_state, log.to_state, log.actor.organizations.get()) == (
        "published",
        "submitted",
        organization,
    )


@pytest.mark.parametrize("kind", [OrganizationKind.SUPPORT, OrganizationKind.WATCH_CELL])
def test_a_co_funder_must_be_an_aid_provider(client, organization, kind):
    other = OrganizationFactory(name="Cellule ou accompagnateur", kind=kind)

    response = post_form(client, organization, co_funders=[str(other.pk)])

    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_co_funders") == (
        "Un cofinanceur doit être un financeur actif de la plateforme : "
        "Cellule ou accompagnateur ne l'est pas."
    )
    assert not Aid.objects.filter(name=NAME).exists()


def test_a_co_funder_must_be_active(client, organization):
    gone = OrganizationFactory(
        name="Fondation dissoute", kind=OrganizationKind.PROVIDER, is_active=False
    )
    page = client.get(CREATE_URL).content.decode()
    assert "Fondation dissoute" not in page

    response = post_form(client, organization, co_funders=[str(gone.pk)])

    assert field_error(response.content.decode(), "id_co_funders").endswith(
        "Fondation dissoute ne l'est pas."
    )


def test_an_active_provider_is_accepted_as_co_funder(client, organization):
    bank = OrganizationFactory(name="Banque solidaire", kind=OrganizationKind.PROVIDER)

    response = post_form(client, organization, co_funders=[str(bank.pk)])

    assert response.status_code == 302
    assert list(Aid.objects.get(name=NAME).co_funders.all()) == [bank]


def test_the_admin_bulk_publication_goes_through_the_lifecycle():
    """Before: a bare UPDATE, no trace, and a submitted aid was not publishable in bulk."""
    admin_user = UserFactory(admin=True)
    funder = OrganizationFactory(kind=OrganizationKind.PROVIDER)
    submitted = make_aid("Aide soumise", providers=[funder], status=AidStatus.SUBMITTED)
    refused = make_aid("Aide refusée", providers=[funder], status=AidStatus.REFUSED)
    request = RequestFactory().post("/admin/aids/aid/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)

    AidAdmin(Aid, site).publish(request, Aid.objects.filter(pk__in=[submitted.pk, refused.pk]))

    submitted.refresh_from_db()
    refused.refresh_from_db()
    assert (submitted.status, refused.status) == (AidStatus.PUBLISHED, AidStatus.REFUSED)
    log = TransitionLog.objects.get(object_id=submitted.pk)
    assert (log.actor, log.from_state, log.to_state) == (admin_user, "submitted", "published")
    assert [str(m) for m in request._messages] == [
        "1 aide(s) publiée(s).",
        "1 aide(s) laissée(s) telles quelles : leur état ne le permet pas.",
    ]


def test_the_admin_form_shows_the_status_read_only_and_offers_providers_as_co_funders(
    client, login
):
    support = OrganizationFactory(name="Accompagnateur local", kind=OrganizationKind.SUPPORT)
    bank = OrganizationFactory(name="Banque solidaire", kind=OrganizationKind.PROVIDER)
    aid = make_aid(NAME, providers=[bank], status=AidStatus.SUBMITTED)
    login(UserFactory(admin=True))

    html = client.get(f"/admin/aids/aid/{aid.pk}/change/").content.decode()
    co_funders = re.search(r'<select name="co_funders".*?</select>', html, re.S)[0]

    assert 'name="status"' not in html
    assert "Soumise à modération" in html
    assert f'<option value="{bank.pk}">Banque solidaire</option>' in co_funders
    assert f'value="{support.pk}"' not in co_funders
