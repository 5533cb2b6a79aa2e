import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.accounts.pages import text
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
DASHBOARD = reverse("core:dashboard")
WRONG = "Pas-le-bon-mot-de-passe"
INCORRECT = "Adresse e-mail ou mot de passe incorrect."
LOCKED = "Connexion temporairement bloquée"
# Shared with the lockout test below: if its failed attempts outlived it, later tests would fail.
EMAIL = "camille@exemple.fr"


def log_in(client, email, password, ip="127.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def is_signed_in(client):
    return client.get(DASHBOARD).status_code == 200


@pytest.mark.parametrize("typed", [EMAIL, "Camille@Exemple.FR", "CAMILLE@EXEMPLE.FR"])
def test_log_in_with_email_whatever_its_case(client, typed):
    UserFactory(email=EMAIL)

    response = log_in(client, typed, PASSWORD)

    assert response.status_code == 302
    assert response.url == DASHBOARD
    assert is_signed_in(client)


def test_wrong_password_is_refused_with_a_french_message(client):
    UserFactory(email=EMAIL)

    response = log_in(client, EMAIL, WRONG)

    assert response.status_code == 200
    assert INCORRECT in text(response)
    assert not is_signed_in(client)


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    response = log_in(client, "personne@inconnu.fr", WRONG)

    assert response.status_code == 200
    assert INCORRECT in text(response)


def test_login_page_keeps_the_typed_email_after_a_failure(client):
    UserFactory(email=EMAIL)
    response = log_in(client, EMAIL, WRONG)
    assert f'value="{EMAIL}"' in text(response)


def test_inactive_account_cannot_log_in(client):
    UserFactory(email=EMAIL, is_active=False)
    response = log_in(client, EMAIL, PASSWORD)
    assert response.status_code == 200
    assert not is_signed_in(client)


def lock_out(client, email, ip="127.0.0.1"):
    """Fail as many times as allowed; returns the responses."""
    from django.conf import settings

    return [log_in(client, email, WRONG, ip) for _ in range(settings.AXES_FAILURE_LIMIT)]


def test_after_five_failures_even_the_right_password_is_refused(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    UserFactory(email=EMAIL)

    responses = lock_out(client, EMAIL)

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert all(INCORRECT in text(r) for r in responses[:4])
    assert responses[4].status_code == 429
    response = log_in(client, EMAIL, PASSWORD)
    assert response.status_code == 429
    page = text(response)
    assert LOCKED in page
    assert "bloquée pendant 15 minutes" in page
    assert reverse("accounts:password_reset") in page
    assert '<html lang="fr"' in page
    assert not is_signed_in(client)


def test_lockout_cannot_be_dodged_by_changing_the_case_of_the_email(client):
    UserFactory(email=EMAIL)
    for variant in ["camille@exemple.fr", "Camille@exemple.fr", "CAMILLE@exemple.fr"]:
        log_in(client, variant, WRONG)
    for variant in ["camille@Exemple.fr", "camille@EXEMPLE.FR"]:
        log_in(client, variant, WRONG)

    response = log_in(client, "Camille@Exemple.Fr", PASSWORD)

    assert response.status_code == 429
    assert not is_signed_in(client)


def test_lockout_is_per_email_and_ip_address(client):
    UserFactory(email=EMAIL)
    other = UserFactory(email="dominique@exemple.fr")
    lock_out(client, EMAIL, ip="203.0.113.7")

    # Same address, other account: not blocked.
    assert log_in(client, other.email, PASSWORD, ip="203.0.113.7").status_code == 302
    client.post(reverse("accounts:logout"))
    # Same account, other address: not blocked.
    assert log_in(client, EMAIL, PASSWORD, ip="198.51.100.4").status_code == 302
    client.post(reverse("accounts:logout"))
    # Same pair: still blocked.
    assert log_in(client, EMAIL, PASSWORD, ip="203.0.113.7").status_code == 429


def test_failed_attempts_do_not_outlive_a_test(client):
    """Runs after the lockout tests on the same e-mail: axes' records were rolled back."""
    assert not AccessAttempt.objects.exists()
    UserFactory(email=EMAIL)
    assert log_in(client, EMAIL, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_failure_count(client):
    UserFactory(email=EMAIL)
    for _ in range(4):
        log_in(client, EMAIL, WRONG)
    assert log_in(client, EMAIL, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    for _ in range(4):
        assert log_in(client, EMAIL, WRONG).status_code == 200

    assert log_in(client, EMAIL, PASSWORD).status_code == 302


def test_logout_is_a_post_and_signs_out(client):
    UserFactory(email=EMAIL)
    log_in(client, EMAIL, PASSWORD)

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert is_signed_in(client)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert not is_signed_in(client)


def test_signed_in_pages_offer_a_logout_button_that_posts(client):
    UserFactory(email=EMAIL)
    log_in(client, EMAIL, PASSWORD)
    page = text(client.get(DASHBOARD))
    assert f'<form method="post" action="{reverse("accounts:logout")}">' in page
    assert "Se déconnecter" in page
