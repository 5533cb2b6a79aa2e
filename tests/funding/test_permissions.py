"""Who reaches the money pages: an aid's provider members set its terms; an application's
instructors (role AND territory) decide and pay; the others get a 404 when they may not know the
object exists, a 403 when they may read it."""

import pytest

from aidess.aids.enums import AidStatus
from aidess.applications.enums import ApplicationStatus as S
from aidess.organizations.enums import Role, ScopeLevel
from tests.factories import (
    AidFactory,
    ApplicationFactory,
    OrganizationMembershipFactory,
    UserFactory,
    applicant,
    instructor,
)
from tests.funding.helpers import decision_url, payments_url, terms_url, text_of

pytestmark = pytest.mark.django_db


def provider_member(aid=None):
    membership = OrganizationMembershipFactory(role=Role.PROVIDER, scope=ScopeLevel.NATIONAL)
    if aid is not None:
        aid.providers.add(membership.organization)
    return membership.user


@pytest.mark.parametrize("url_of", [decision_url, payments_url])
def test_decision_and_payments_per_role_and_territory(login, client, url_of):
    application = ApplicationFactory(status=S.INSTRUCTION)  # structure in Lille (59, region 32)
    url = url_of(application)
    assert client.get(url).status_code == 302  # anonymous: to the login page

    near = instructor(application, scope=ScopeLevel.DEPARTMENTAL, departments=["59"])
    far = instructor(application, scope=ScopeLevel.REGIONAL, regions=["84"])
    stranger = provider_member()  # a provider of another aid
    member = applicant(application)
    admin = UserFactory(is_staff=True)

    assert login(near).get(url).status_code == 200
    assert login(far).get(url).status_code == 404  # outside its territory: never learns of it
    assert login(stranger).get(url).status_code == 404
    assert login(member).get(url).status_code == 403  # reads its application, does not decide
    assert login(admin).get(url).status_code == 403  # reads every application, decides none
    assert login(UserFactory()).get(url).status_code == 404


def test_a_refused_instructor_post_changes_nothing(login):
    application = ApplicationFactory(status=S.INSTRUCTION)
    member = applicant(application)
    response = login(member).post(
        decision_url(application), {"action": "refuse", "refuse-reason": "non", "version": 1}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == S.INSTRUCTION


def test_terms_per_role(login, client):
    aid = AidFactory(apply_in_aidess=True)  # published: everyone may read it
    draft = AidFactory(status=AidStatus.DRAFT)
    owner = provider_member(aid)
    provider_member(draft)
    assert client.get(terms_url(aid)).status_code == 302
    assert login(owner).get(terms_url(aid)).status_code == 200
    assert login(UserFactory(is_staff=True)).get(terms_url(aid)).status_code == 200
    assert login(provider_member()).get(terms_url(aid)).status_code == 403  # knows the aid
    assert login(UserFactory()).get(terms_url(aid)).status_code == 403
    assert login(provider_member()).get(terms_url(draft)).status_code == 404  # unpublished
    # Another provider's POST changes nothing.
    response = login(provider_member()).post(terms_url(aid), {"envelope_eur": "1"})
    assert response.status_code == 403
    assert not hasattr(aid, "application_terms") or aid.application_terms.envelope_eur is None


def test_the_provider_page_is_for_providers_and_counts_within_their_territory(login):
    aid = AidFactory(apply_in_aidess=True, name="Fonds de rebond")
    in_nord = ApplicationFactory(aid=aid, status=S.SUBMITTED)  # Lille, 59
    ApplicationFactory(aid=aid, status=S.DRAFT, structure=in_nord.structure)
    agent = instructor(in_nord, scope=ScopeLevel.DEPARTMENTAL, departments=["62"])
    national = instructor(in_nord)

    assert login(UserFactory()).get("/financement/").status_code == 403
    assert "Fonds de rebond" in text_of(login(national).get("/financement/"))
    assert "1 demande : Déposée : 1" in text_of(login(national).get("/financement/"))
    page = text_of(login(agent).get("/financement/"))  # Pas-de-Calais: the Lille one is not its
    assert "Fonds de rebond" in page and "Aucune demande déposée." in page
