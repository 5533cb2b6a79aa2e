import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import PASSWORD, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_is_french_and_uses_the_state_design_system(client):
    response = client.get(reverse("core:home"))

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'<html lang="fr"', page)
    assert "<title>Accueil — AidESS</title>" in page
    assert "Trouver les aides et l'accompagnement de votre structure de l'ESS" in page
    stylesheets = re.findall(r'<link rel="stylesheet"\s+href="/static/([^"]+)"', page)
    assert "dsfr/dist/dsfr/dsfr.min.css" in stylesheets
    for path in stylesheets:
        assert finders.find(path), f"{path} is linked but not shipped"


def test_anonymous_home_offers_sign_up_and_login(client):
    page = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("accounts:signup")}"' in page
    assert f'href="{reverse("accounts:login")}"' in page
    assert "Créer un compte pour ma structure" in page


def test_dashboard_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(reverse("core:dashboard"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={reverse('core:dashboard')}"
    page = client.get(response.url).content.decode()
    assert "Se connecter à AidESS" in page
    assert f'name="next" value="{reverse("core:dashboard")}"' in page


def test_login_from_the_dashboard_redirect_comes_back_to_the_dashboard(client):
    user = UserFactory(email="camille@exemple.fr")
    StructureFactory(member=user, name="Les Lucioles")

    response = client.post(
        f"{reverse('accounts:login')}?next={reverse('core:dashboard')}",
        {"username": "camille@exemple.fr", "password": PASSWORD, "next": reverse("core:dashboard")},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("core:dashboard")
    page = response.content.decode()
    assert "Tableau de bord" in page
    assert "Les Lucioles" in page


def test_dashboard_lists_only_my_structures(client, login):
    user = UserFactory()
    StructureFactory(member=user, name="Les Lucioles")
    StructureFactory(name="Une autre association")
    login(user)

    page = client.get(reverse("core:dashboard")).content.decode()

    assert "Les Lucioles" in page
    assert "Une autre association" not in page


def test_dashboard_without_structure_says_so(client, login):
    login(UserFactory())
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Vous n'êtes rattaché(e) à aucune structure pour le moment." in page
