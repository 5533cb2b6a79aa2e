"""The webhooks page: only a provider's administrators register, turn off and remove their own
organisation's webhooks; the secret is shown once; an address that would reach a private
network, or plain HTTP in production, is refused next to the field."""

import pytest

from aidess.notifications.addresses import RefusedAddress, check_url
from aidess.notifications.models import Webhook
from aidess.organizations.enums import Role
from aidess.organizations.models import OrganizationMembership
from tests.factories import OrganizationMembershipFactory, UserFactory
from tests.notifications.factories import application_with_people, provider_of

pytestmark = pytest.mark.django_db

PAGE = "/notifications/webhooks/"


@pytest.fixture
def admin_of_provider():
    application, _, _, agent = application_with_people()
    return agent, provider_of(application)


def test_an_administrator_registers_a_webhook_and_sees_its_secret_once(
    client, login, admin_of_provider
):
    agent, provider = admin_of_provider
    login(agent)
    page = client.get(PAGE).content.decode()
    assert "Aucun webhook pour le moment." in page
    answer = client.post(
        PAGE, {"organization": provider.pk, "url": "http://127.0.0.1:8765/recevoir"}, follow=True
    )
    webhook = Webhook.objects.get()
    assert (webhook.organization, webhook.created_by, webhook.is_active) == (provider, agent, True)
    assert len(webhook.secret) >= 40
    shown = answer.content.decode()
    assert "Webhook enregistré : notez son secret" in shown and webhook.secret in shown
    again = client.get(PAGE).content.decode()
    assert "http://127.0.0.1:8765/recevoir" in again
    assert webhook.secret not in again


def test_an_address_is_checked_next_to_the_field_and_kept(client, login, admin_of_provider):
    agent, provider = admin_of_provider
    login(agent)
    answer = client.post(PAGE, {"organization": provider.pk, "url": "http://10.0.0.5/hook"})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "réseau privé ou réservé (10.0.0.5)" in page
    assert 'value="http://10.0.0.5/hook"' in page  # what was typed is kept
    answer = client.post(PAGE, {"organization": provider.pk, "url": "pas une adresse"})
    assert "Saisissez une adresse complète" in answer.content.decode()
    assert not Webhook.objects.exists()


def test_production_wants_https_to_public_addresses(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    for url, reason in [
        ("http://127.0.0.1:8000/x", "réseau privé"),
        ("https://127.0.0.1/x", "réseau privé"),
        ("https://[::ffff:127.0.0.1]/x", "réseau privé"),
        ("https://169.254.169.254/latest/meta-data", "réseau privé"),
        ("https://192.168.1.10/x", "réseau privé"),
        ("http://93.184.216.34/x", "https://"),
        ("https://user:pass@93.184.216.34/x", "identifiant"),
        ("ftp://93.184.216.34/x", "https://"),
    ]:
        with pytest.raises(RefusedAddress, match=reason):
            check_url(url)
    check_url("https://93.184.216.34/aidess")  # a public address: accepted


def test_tests_and_debug_allow_loopback_only():
    check_url("http://127.0.0.1:8000/x")
    check_url("http://[::1]:8000/x")
    with pytest.raises(RefusedAddress, match="réseau privé"):
        check_url("http://10.1.2.3/x")


def test_members_who_are_not_administrators_cannot_manage_webhooks(
    client, login, admin_of_provider
):
    agent, provider = admin_of_provider
    colleague = OrganizationMembershipFactory(organization=provider).user
    login(colleague)
    assert client.get(PAGE).status_code == 403
    login(UserFactory())
    assert client.get(PAGE).status_code == 403
    support_admin = OrganizationMembershipFactory(role=Role.ADVISOR, is_admin=True).user
    login(support_admin)
    assert client.get(PAGE).status_code == 403
    client.logout()
    assert client.get(PAGE).status_code == 302


def test_an_administrator_turns_off_and_removes_only_its_own_webhooks(
    client, login, admin_of_provider
):
    agent, provider = admin_of_provider
    ours = Webhook.objects.create(organization=provider, url="http://127.0.0.1:1/a")
    other_admin = OrganizationMembershipFactory(role=Role.PROVIDER, is_admin=True)
    theirs = Webhook.objects.create(
        organization=other_admin.organization, url="http://127.0.0.1:1/b"
    )
    login(agent)
    page = client.get(PAGE).content.decode()
    assert "http://127.0.0.1:1/a" in page and "http://127.0.0.1:1/b" not in page

    client.post(f"{PAGE}{ours.pk}/activation/")
    ours.refresh_from_db()
    assert not ours.is_active
    assert client.post(f"{PAGE}{theirs.pk}/activation/").status_code == 404
    assert client.post(f"{PAGE}{theirs.pk}/supprimer/").status_code == 404
    assert client.get(f"{PAGE}{ours.pk}/supprimer/").status_code == 405
    client.post(f"{PAGE}{ours.pk}/supprimer/")
    assert list(Webhook.objects.all()) == [theirs]

    OrganizationMembership.objects.filter(user=agent).update(is_admin=False)
    assert client.post(f"{PAGE}{theirs.pk}/activation/").status_code == 404


def test_the_dashboard_leads_administrators_to_the_webhooks(client, login, admin_of_provider):
    agent, _ = admin_of_provider
    login(agent)
    assert 'href="/notifications/webhooks/"' in client.get("/tableau-de-bord/").content.decode()
