import re

import pytest
from django.urls import reverse

from aidess.accounts.models import User
from tests.accounts.pages import field_errors, input_value, text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")
STRONG = "Des-Lucioles-au-Jardin-2026"


def signup(client, email, password1=STRONG, password2=None, **extra):
    data = {"email": email, "password1": password1, "password2": password2 or password1, **extra}
    return client.post(SIGNUP, data)


def test_signup_logs_the_person_in_and_leads_to_the_structure_form(client):
    response = signup(client, "Camille.Martin@Exemple.fr", first_name="Camille")

    assert response.status_code == 302
    assert response.url == reverse("structures:create")
    page = client.get(response.url)
    assert page.status_code == 200  # not bounced to the login page: the person is signed in
    assert "camille.martin@exemple.fr" in text(page)
    assert "Votre compte est créé" in text(page)
    user = User.objects.get()
    assert user.email == "camille.martin@exemple.fr"
    assert user.check_password(STRONG)
    assert not user.is_staff


def test_signup_page_is_in_french(client):
    page = text(client.get(SIGNUP))
    assert "Créer un compte pour votre structure" in page
    assert "Adresse e-mail" in page


@pytest.mark.parametrize("typed", ["deja@exemple.fr", "DEJA@Exemple.FR", "  Deja@exemple.fr "])
def test_signup_refuses_an_existing_email_whatever_its_case(client, typed):
    UserFactory(email="deja@exemple.fr")

    response = signup(client, typed)

    assert response.status_code == 200
    assert field_errors(response, "email") == ["Un compte existe déjà avec cette adresse e-mail."]
    assert input_value(response, "email") == typed
    assert User.objects.count() == 1


def test_signup_reports_passwords_that_do_not_match_next_to_the_confirmation(client):
    response = signup(client, "nouveau@exemple.fr", STRONG, STRONG + "x")

    assert field_errors(response, "password2") == ["Les deux mots de passe ne correspondent pas."]
    assert input_value(response, "email") == "nouveau@exemple.fr"
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court-42", "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."),
        ("telechargement", "Ce mot de passe est trop courant."),
        ("283749182736451", "Ce mot de passe est entièrement numérique."),
    ],
)
def test_signup_refuses_weak_passwords_under_the_password_field(client, password, message):
    response = signup(client, "nouveau@exemple.fr", password)

    assert message in field_errors(response, "password1")
    assert field_errors(response, "password2") == [], "the confirmation was typed right"
    assert input_value(response, "email") == "nouveau@exemple.fr"
    assert input_value(response, "password1") == ""  # passwords are never sent back
    assert not User.objects.exists()


def test_signed_in_person_visiting_signup_goes_to_the_dashboard(client, login):
    login(UserFactory())
    response = client.get(SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")


def autocomplete_tokens(response):
    """Each <input>'s autocomplete attribute, by field name."""
    return {
        re.search(r'name="([^"]*)"', tag)[1]: (
            re.search(r'autocomplete="([^"]*)"', tag) or [0, None]
        )[1]
        for tag in re.findall(r"<input[^>]*>", text(response))
        if 'type="hidden"' not in tag
    }


def test_signup_fields_tell_the_browser_what_to_fill(client):
    assert autocomplete_tokens(client.get(SIGNUP)) == {
        "email": "email",
        "first_name": "given-name",
        "last_name": "family-name",
        "password1": "new-password",
        "password2": "new-password",
    }


def test_login_and_reset_fields_tell_the_browser_what_to_fill(client):
    assert autocomplete_tokens(client.get(reverse("accounts:login"))) == {
        "username": "username",
        "password": "current-password",
    }
    assert autocomplete_tokens(client.get(reverse("accounts:password_reset"))) == {"email": "email"}
