"""Organisation tokens: stored as a hash only, shown once, created and revoked by the
organisation's administrators (page and admin); a revoked, unknown or orphaned token is a 401 in
French; a token reaches its organisation's aids in its territory only."""

import hashlib
import json
import re

import pytest
from django.db import connection

from aidess.organizations.models import ApiToken, OrganizationMembership
from aidess.organizations.tokens import create_token, revoke
from tests.api.factories import bearer, provider_token
from tests.factories import ApplicationFactory, OrganizationMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
INBOX = "/api/v1/instruction/applications"
TOKEN = re.compile(r"aidess_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def stored_rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        return [" ".join(str(value) for value in row) for row in cursor.fetchall()]


def test_only_a_hash_of_the_token_is_stored(client):
    application = ApplicationFactory()
    _organization, _admin, clear = provider_token(application)
    assert TOKEN.fullmatch(clear)
    token = ApiToken.objects.get()
    assert token.secret_hash == hashlib.sha256(clear.encode()).hexdigest()
    secret = clear.rsplit("_", 1)[1]
    assert not any(secret in row for row in stored_rows())
    assert client.get(INBOX, headers=bearer(clear)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer aidess_00000000_inventé",
        "Bearer n'importe quoi",
        "Bearer {clear}x",  # the right prefix, a wrong secret
    ],
)
def test_an_unknown_token_is_401_in_french(client, header):
    application = ApplicationFactory()
    _organization, _admin, clear = provider_token(application)
    response = client.get(INBOX, headers={"Authorization": header.format(clear=clear)})
    assert response.status_code == 401
    assert response.json()["error"].startswith("Jeton d'accès inconnu.")


def test_a_revoked_token_is_401_saying_so(client):
    application = ApplicationFactory()
    _organization, admin, clear = provider_token(application)
    revoke(ApiToken.objects.get(), admin)
    response = client.get(INBOX, headers=bearer(clear))
    assert response.status_code == 401
    assert response.json()["error"].startswith("Ce jeton a été révoqué le ")
    assert "Demandez-en un nouveau à un administrateur" in response.json()["error"]


def test_a_token_stops_when_its_creator_leaves_the_organisation(client):
    application = ApplicationFactory()
    _organization, admin, clear = provider_token(application)
    OrganizationMembership.objects.filter(user=admin).update(is_active=False)
    response = client.get(INBOX, headers=bearer(clear))
    assert response.status_code == 401
    assert response.json()["error"].startswith("Ce jeton n'est plus valable")


def test_a_token_reaches_its_own_organisation_only(client):
    mine, theirs = ApplicationFactory(), ApplicationFactory()
    _organization, _admin, clear = provider_token(mine)
    provider_token(theirs)
    assert client.get(f"{INBOX}/{mine.pk}", headers=bearer(clear)).status_code == 200
    assert client.get(f"{INBOX}/{theirs.pk}", headers=bearer(clear)).status_code == 404
    response = client.post(
        f"{INBOX}/{theirs.pk}/transitions",
        json.dumps({"transition": "instruct"}),
        content_type="application/json",
        headers=bearer(clear),
    )
    assert response.status_code == 404


# The page ------------------------------------------------------------------------------------


@pytest.fixture
def administrator():
    return OrganizationMembershipFactory(is_admin=True, role="provider", scope="national")


def tokens_url(organization):
    return f"/organisations/{organization.pk}/jetons/"


def test_an_administrator_creates_a_token_and_sees_it_once(client, login, administrator):
    organization = administrator.organization
    login(administrator.user)
    dashboard = client.get("/tableau-de-bord/").content.decode()
    assert f'href="{tokens_url(organization)}"' in dashboard
    response = client.post(tokens_url(organization), {"name": "Logiciel d'instruction"})
    assert response.status_code == 302
    shown = client.get(tokens_url(organization)).content.decode()
    clear = TOKEN.search(shown).group()
    assert "copiez-le maintenant" in shown
    token = ApiToken.objects.get()
    assert (token.name, token.created_by, token.organization) == (
        "Logiciel d'instruction",
        administrator.user,
        organization,
    )
    assert client.get(INBOX, headers=bearer(clear)).status_code == 200
    again = client.get(tokens_url(organization)).content.decode()
    assert clear not in again and TOKEN.search(again) is None
    assert f"aidess_{token.prefix}_" in again


def test_a_nameless_token_is_refused_next_to_the_field(client, login, administrator):
    login(administrator.user)
    response = client.post(tokens_url(administrator.organization), {"name": "   "})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_administrator_revokes_a_token_from_the_page(client, login, administrator):
    organization = administrator.organization
    token, clear = create_token(organization, administrator.user, "Ancien logiciel")
    login(administrator.user)
    response = client.post(f"{tokens_url(organization)}{token.pk}/revoquer/", follow=True)
    assert "Le jeton « Ancien logiciel » est révoqué" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_by == administrator.user
    client.logout()
    assert client.get(INBOX, headers=bearer(clear)).status_code == 401


def test_members_who_do_not_administer_the_organisation_get_a_404(client, login, administrator):
    organization = administrator.organization
    colleague = UserFactory()
    OrganizationMembership.objects.create(user=colleague, organization=organization)
    token, _clear = create_token(organization, administrator.user, "Logiciel")
    login(colleague)
    assert client.get(tokens_url(organization)).status_code == 404
    assert client.post(f"{tokens_url(organization)}{token.pk}/revoquer/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert (
        f'href="{tokens_url(organization)}"' not in client.get("/tableau-de-bord/").content.decode()
    )


def test_the_django_admin_creates_a_token_shown_once_in_its_message(client, login, administrator):
    staff = UserFactory(admin=True)
    login(staff)
    response = client.post(
        "/admin/organizations/apitoken/add/",
        {"organization": administrator.organization.pk, "name": "Import", "created_by": staff.pk},
    )
    assert "pas membre actif de l&#x27;organisation" in response.content.decode()
    response = client.post(
        "/admin/organizations/apitoken/add/",
        {
            "organization": administrator.organization.pk,
            "name": "Import",
            "created_by": administrator.user.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    clear = TOKEN.search(response.content.decode()).group()
    token = ApiToken.objects.get()
    assert token.secret_hash == hashlib.sha256(clear.encode()).hexdigest()
    assert token.created_by == administrator.user
    assert client.get(INBOX, headers=bearer(clear)).status_code == 200
    change = client.get(f"/admin/organizations/apitoken/{token.pk}/change/").content.decode()
    assert clear not in change
