"""Signing an existing account in through the login form, as a person would."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD


def sign_in(page, user):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page).not_to_have_url(re.compile("/compte/connexion/"))
