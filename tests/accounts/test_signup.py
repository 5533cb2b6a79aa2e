import re

import pytest
from django.urls import reverse

from aidess.accounts.models import User
from tests.accounts.pages import field_errors, input_value, link_in, text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")
SENT = reverse("accounts:signup_sent")
STRONG = "Des-Lucioles-au-Jardin-2026"


def signup(client, email, password1=STRONG, password2=None, **extra):
    data = {"email": email, "password1": password1, "password2": password2 or password1, **extra}
    return client.post(SIGNUP, data)


def test_signup_mails_a_link_whose_password_step_signs_in_and_leads_to_the_structure_form(
    client, mailoutbox
):
    response = signup(client, "Camille.Martin@Exemple.fr", first_name="Camille")

    assert response.status_code == 302
    assert response.url == SENT
    assert "Vérifiez votre messagerie" in text(client.get(SENT))
    user = User.objects.get()
    assert user.email == "camille.martin@exemple.fr"
    assert not user.is_active, "not before the address is confirmed"
    (mail,) = mailoutbox
    assert mail.to == ["camille.martin@exemple.fr"]
    assert mail.subject == "Activez votre compte AidESS"

    link = link_in(mail)
    page = client.get(link)
    assert "Activer mon compte" in text(page)
    assert "camille.martin@exemple.fr" in text(page)
    response = client.post(link, {"password": STRONG})

    assert response.status_code == 302
    assert response.url == reverse("structures:create")
    page = client.get(response.url)
    assert page.status_code == 200  # not bounced to the login page: the person is signed in
    assert "Votre compte est activé" in text(page)
    user.refresh_from_db()
    assert user.is_active and user.check_password(STRONG)
    assert not user.is_staff
    client.post(reverse("accounts:logout"))
    assert client.get(link).status_code == 400, "a link serves once"


def test_activation_asks_again_for_a_wrong_password(client, mailoutbox):
    signup(client, "nouveau@exemple.fr")
    link = link_in(mailoutbox[0])

    response = client.post(link, {"password": "Pas-le-bon-mot-de-passe"})

    assert response.status_code == 200
    assert "Ce n'est pas le mot de passe choisi lors de votre dernière inscription." in " ".join(
        field_errors(response, "password")
    )
    assert not User.objects.get().is_active


def test_a_new_signup_of_an_address_awaiting_activation_replaces_password_and_link(
    client, mailoutbox
):
    signup(client, "nouveau@exemple.fr", "Premier-mot-de-passe-long")
    first = link_in(mailoutbox[0])

    response = signup(client, "nouveau@exemple.fr", STRONG)

    assert response.url == SENT
    assert User.objects.count() == 1
    assert client.get(first).status_code == 400, "the older link stopped working"
    second = link_in(mailoutbox[1])
    assert client.post(second, {"password": "Premier-mot-de-passe-long"}).status_code == 200
    assert client.post(second, {"password": STRONG}).status_code == 302


def test_a_deactivated_account_is_not_revived_by_a_new_signup(client, mailoutbox):
    UserFactory(email="parti@exemple.fr", is_active=False)

    signup(client, "parti@exemple.fr")

    assert mailoutbox[0].subject == "Tentative d'inscription avec votre adresse AidESS"
    assert not User.objects.get().is_active


def test_signup_page_is_in_french(client):
    page = text(client.get(SIGNUP))
    assert "Créer un compte pour votre structure" in page
    assert "Adresse e-mail" in page


@pytest.mark.parametrize("typed", ["deja@exemple.fr", "DEJA@Exemple.FR", "  Deja@exemple.fr "])
def test_signup_with_an_existing_email_answers_like_a_new_one_and_warns_its_owner(
    client, mailoutbox, typed
):
    """Whether an address has an account is not told to whoever types it."""
    UserFactory(email="deja@exemple.fr")
    new = signup(client, "jamais-vu@exemple.fr")

    response = signup(client, typed)

    assert (response.status_code, response.url) == (new.status_code, new.url) == (302, SENT)
    assert User.objects.count() == 2
    warning = mailoutbox[1]
    assert warning.to == ["deja@exemple.fr"]
    assert warning.subject == "Tentative d'inscription avec votre adresse AidESS"
    assert "a tenté de créer un compte AidESS avec votre adresse" in warning.body
    assert "http://testserver" + reverse("accounts:password_reset") in warning.body
    assert "activer" not in warning.body.lower()


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
