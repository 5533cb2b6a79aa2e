"""One address trying many e-mails is locked out too (20 failures in 15 minutes), without slowing
other addresses; the e-mail and address pair keeps its 5 tries."""

import pytest
from django.urls import reverse

from tests.accounts.pages import text
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
SPRAYER, OTHER = "203.0.113.50", "198.51.100.9"


def log_in(client, email, password, ip):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def spray(client, count, ip=SPRAYER):
    """`count` failures from `ip`, each on a different e-mail (never 5 on the same one)."""
    return [log_in(client, f"personne{n}@exemple.fr", "Mauvais-mot", ip) for n in range(count)]


def test_twenty_failures_on_different_emails_lock_the_address_out(client, settings):
    assert settings.LOGIN_FAILURES_PER_ADDRESS == 20
    victim = UserFactory(email="camille@exemple.fr")

    responses = spray(client, 20)

    assert [r.status_code for r in responses[:19]] == [200] * 19
    assert responses[19].status_code == 429
    response = log_in(client, victim.email, PASSWORD, SPRAYER)
    assert response.status_code == 429, "even the right password, from this address"
    page = text(response)
    assert "Connexion temporairement bloquée" in page
    assert "depuis votre adresse réseau" in page
    assert "bloquée pendant 15 minutes" in page


def test_an_address_locked_out_does_not_slow_the_others(client):
    user = UserFactory(email="camille@exemple.fr")
    spray(client, 25)

    response = log_in(client, user.email, PASSWORD, OTHER)

    assert response.status_code == 302, "a legitimate person elsewhere signs in"
    client.post(reverse("accounts:logout"))
    assert log_in(client, "autre@exemple.fr", "Mauvais-mot", OTHER).status_code == 200


def test_signing_in_to_ones_own_account_does_not_wipe_the_address_failures(client):
    own = UserFactory(email="attaquant@exemple.fr")
    spray(client, 19)

    assert log_in(client, own.email, PASSWORD, SPRAYER).status_code == 302
    client.post(reverse("accounts:logout"))

    assert log_in(client, "encore@exemple.fr", "Mauvais-mot", SPRAYER).status_code == 429


def test_the_pair_is_still_locked_after_five_failures(client):
    user = UserFactory(email="camille@exemple.fr")
    for _ in range(5):
        log_in(client, user.email, "Mauvais-mot", SPRAYER)

    assert log_in(client, user.email, PASSWORD, SPRAYER).status_code == 429
    assert log_in(client, "dominique@exemple.fr", "Mauvais-mot", SPRAYER).status_code == 200
