import re

import pytest
from django.core import mail
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_COMPLETE

from tests.accounts.pages import field_errors, text
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")
NEW_PASSWORD = "Une-Nouvelle-Phrase-Secrete-7"
LINK = re.compile(r"https?://testserver(/compte/mot-de-passe/nouveau/[^/\s]+/[^/\s]+/)")


def log_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def reset_link(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match[1]


@pytest.mark.parametrize("typed", ["camille@exemple.fr", "Camille@Exemple.FR"])
def test_reset_email_lets_the_person_choose_a_new_password(client, typed):
    UserFactory(email="camille@exemple.fr")

    response = client.post(RESET, {"email": typed})

    assert response.status_code == 302
    assert response.url == DONE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@exemple.fr"]
    assert message.subject == "AidESS — réinitialisation de votre mot de passe"
    assert "Choisissez un nouveau mot de passe" in message.body

    form_page = client.get(reset_link(message), follow=True)
    assert "Choisir un nouveau mot de passe" in text(form_page)
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    assert "Mot de passe modifié" in text(client.get(response.url))

    assert log_in(client, "camille@exemple.fr", PASSWORD).status_code == 200  # old one refused
    response = log_in(client, "camille@exemple.fr", NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")


def test_reset_link_works_only_once(client):
    UserFactory(email="camille@exemple.fr")
    client.post(RESET, {"email": "camille@exemple.fr"})
    link = reset_link(mail.outbox[0])
    set_password_url = client.get(link).url
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    page = text(client.get(link, follow=True))

    assert "Ce lien n'est plus valide" in page
    assert 'name="new_password1"' not in page


def test_new_password_must_be_strong_and_says_so_under_the_password(client):
    UserFactory(email="camille@exemple.fr")
    client.post(RESET, {"email": "camille@exemple.fr"})
    set_password_url = client.get(reset_link(mail.outbox[0])).url

    response = client.post(set_password_url, {"new_password1": "azerty", "new_password2": "azerty"})

    assert response.status_code == 200
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in (
        field_errors(response, "new_password1")
    )
    assert field_errors(response, "new_password2") == [], "the confirmation was typed right"
    assert log_in(client, "camille@exemple.fr", PASSWORD).status_code == 302


def test_reset_for_an_unknown_email_sends_nothing_and_looks_the_same(client):
    UserFactory(email="camille@exemple.fr")
    known = client.post(RESET, {"email": "camille@exemple.fr"}, follow=True)
    mail.outbox.clear()

    unknown = client.post(RESET, {"email": "inconnu@exemple.fr"}, follow=True)

    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain == [(DONE, 302)]
    assert unknown.content == known.content
    assert "Si un compte existe avec cette adresse" in text(unknown)


def test_reset_email_is_sent_by_the_task_queue(client):
    """The page only queues the e-mail; tests run the queue inline (immediate mode)."""
    UserFactory(email="camille@exemple.fr")
    ran = []

    def completed(signal, task):
        ran.append(HUEY._registry.task_to_string(type(task)))

    HUEY.signal(SIGNAL_COMPLETE)(completed)
    try:
        client.post(RESET, {"email": "camille@exemple.fr"})
    finally:
        HUEY.disconnect_signal(completed, SIGNAL_COMPLETE)

    assert ran == ["aidess.core.tasks.send_email"]
    assert mail.outbox[0].to == ["camille@exemple.fr"]
