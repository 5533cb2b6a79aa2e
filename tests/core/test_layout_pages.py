"""The layout every page shares (footer links, home search) and the pages it leads to, including
the error pages."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.aids.helpers import text_of
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

FOOTER_LINKS = {
    "Accessibilité : non conforme": "/accessibilite/",
    "Mentions légales": "/mentions-legales/",
    "Données personnelles": "/donnees-personnelles/",
}


def footer_of(html):
    return re.search(r'<footer class="fr-footer".*?</footer>', html, re.S)[0]


@pytest.mark.parametrize("url", ["/", "/aides/", "/simulation/", "/aides/dla/", "/page-inconnue/"])
def test_every_page_links_the_mandatory_pages_from_its_footer(client, url):
    footer = footer_of(client.get(url).content.decode())
    for label, href in FOOTER_LINKS.items():
        assert re.search(rf'href="{href}"[^>]*>{label}</a>', footer), label


@pytest.mark.parametrize(
    ("url", "title", "says"),
    [
        ("/accessibilite/", "Déclaration d'accessibilité", "AidESS est non conforme au RGAA"),
        ("/mentions-legales/", "Mentions légales", "service public numérique en construction"),
        ("/donnees-personnelles/", "Données personnelles", "ne dépose que les cookies nécessaires"),
    ],
)
def test_the_legal_pages_say_what_they_must(client, url, title, says):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert says in text_of(html)


def test_skip_links_lead_to_the_content_the_menu_and_the_footer(client):
    html = client.get("/").content.decode()
    skiplinks = re.search(r'<div class="fr-skiplinks">.*?</div>', html, re.S)[0]
    targets = re.findall(r'href="#([\w-]+)"', skiplinks)
    assert targets == ["content", "fr-navigation", "footer"]
    for target in targets:
        assert f'id="{target}"' in html


def test_the_home_page_searches_the_catalog(client):
    html = client.get("/").content.decode()
    form = re.search(r'<form method="get" action="/aides/" role="search".*?</form>', html, re.S)[0]
    assert 'name="q"' in form
    assert re.search(r'<label class="fr-label" for="home-search-input">Rechercher une aide', form)


def test_an_unknown_page_is_a_french_dsfr_page(client):
    response = client.get("/page-inconnue/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page introuvable</h1>" in html
    assert "dsfr.min.css" in html
    assert 'href="/aides/"' in html


def test_a_refused_action_is_a_french_dsfr_page_with_its_reason(client, login):
    member = UserFactory()
    StructureFactory(member=member)
    login(member)
    response = client.get("/aides/nouvelle/")
    assert response.status_code == 403
    text = text_of(response.content.decode())
    assert "Accès refusé" in text
    assert "Seuls les financeurs publient des aides." in text


def test_the_server_error_page_needs_no_database(django_assert_num_queries):
    """Django renders 500.html without context processors; it must not query what just failed."""
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Erreur inattendue</h1>" in html
    assert "dsfr.min.css" in html
    assert "Mentions légales" in html


def test_messages_are_dsfr_alerts_and_their_text_is_escaped():
    """django-dsfr would mark a message safe: a name typed by someone must stay text."""
    request = RequestFactory().get("/")
    request.user, request.session = AnonymousUser(), {}
    request._messages = FallbackStorage(request)
    messages.success(request, "Le partage avec <b>Fondation</b> est retiré.")
    messages.error(request, "Impossible.")

    html = render_to_string("core/home.html", request=request)

    assert re.search(r'<div role="status"\s+class="fr-alert fr-alert--success fr-alert--sm"', html)
    assert re.search(r'<div role="alert"\s+class="fr-alert fr-alert--error fr-alert--sm"', html)
    assert "Le partage avec &lt;b&gt;Fondation&lt;/b&gt; est retiré." in html
