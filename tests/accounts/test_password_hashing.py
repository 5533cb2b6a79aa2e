import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from aidess.accounts.models import User
from config.settings import base
from tests.accounts.pages import link_in

pytestmark = pytest.mark.django_db

STRONG = "Des-Lucioles-au-Jardin-2026"


def test_real_settings_hash_passwords_with_argon2_first():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_account_created_with_real_settings_stores_an_argon2_hash_and_can_log_in(
    client, mailoutbox
):
    client.post(
        reverse("accounts:signup"),
        {"email": "argon@exemple.fr", "password1": STRONG, "password2": STRONG},
    )
    client.post(link_in(mailoutbox[0]), {"password": STRONG})  # activation
    client.post(reverse("accounts:logout"))

    user = User.objects.get(email="argon@exemple.fr")
    assert user.password.startswith("argon2$")
    assert STRONG not in user.password
    response = client.post(
        reverse("accounts:login"), {"username": "argon@exemple.fr", "password": STRONG}
    )
    assert response.status_code == 302


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_older_pbkdf2_hash_is_upgraded_to_argon2_at_login(client):
    user = User.objects.create(
        email="ancien@exemple.fr", password=make_password(STRONG, hasher="pbkdf2_sha256")
    )
    response = client.post(
        reverse("accounts:login"), {"username": "ancien@exemple.fr", "password": STRONG}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
