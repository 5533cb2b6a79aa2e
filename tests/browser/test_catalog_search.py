"""A structure member searches the catalog from its commune, narrows it down and opens an aid."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.sign_in import sign_in
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.browser

LILLE = "Lille (59350)"
CELLULE = "Cellule de veille ESS des Hauts-de-France"
SOS = "SOS Employeurs ESS"
NATIONAL = [
    "France Active — accompagnement des structures en difficulté",
    "Dispositif local d'accompagnement (DLA)",
    "Prêt relais solidaire",
]
PACA = "Parcours DREETS PACA pour les ateliers et chantiers d'insertion"


def result_titles(page):
    return page.locator("#aid-results h2.fr-card__title")


def test_search_as_a_structure_then_open_an_aid(page, browser, live_server):
    user = UserFactory()
    StructureFactory(member=user, name="La Fabrique solidaire de Lille")
    sign_in(page, user)

    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Aides").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rechercher une aide ou un accompagnement"
    )
    # The member searches from its structure's commune without typing it.
    expect(page.get_by_label("Commune de la structure")).to_have_value(LILLE)

    keywords = page.get_by_label("Mots-clés")
    keywords.fill("difficulté")
    keywords.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=difficult"))
    titles = result_titles(page)
    expect(titles.first).to_be_visible()
    names = titles.all_inner_texts()
    for name in [*NATIONAL, CELLULE, SOS]:
        assert name in names, f"{name!r} absent de {names}"
    # A regional scheme of Provence-Alpes-Côte d'Azur is not offered to a structure in Lille…
    assert PACA not in names
    expect(page.get_by_text(re.compile(r"^\d+ aides trouvées$"))).to_have_text(
        f"{len(names)} aides trouvées"
    )
    # … although it does match these words elsewhere in France.
    page.get_by_label("Commune de la structure").fill("")
    page.get_by_role("button", name="Rechercher").click()
    expect(titles.filter(has_text=PACA)).to_have_count(1)
    page.go_back()
    expect(page.get_by_label("Commune de la structure")).to_have_value(LILLE)

    # A facet narrows the results down, and the filters are in the address.
    # Clicking the label, as a person does (a DSFR checkbox is drawn on its label).
    page.locator("label").filter(has_text=re.compile(r"^\s*Écoute et orientation\s*$")).click()
    expect(page.get_by_label("Écoute et orientation")).to_be_checked()
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("2 aides trouvées")).to_be_visible()
    expect(titles).to_have_text([CELLULE, SOS])
    expect(page.get_by_label("Écoute et orientation")).to_be_checked()
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["difficulté"]
    assert query["kind"] == ["listening"]
    assert query["commune"] == [LILLE]

    # The address is shareable: someone signed out sees the same results from it.
    shared = browser.new_context(base_url=live_server.url, locale="fr-FR")
    try:
        other = shared.new_page()
        other.goto(page.url)
        expect(other.get_by_role("link", name="Se connecter")).to_be_visible()
        expect(result_titles(other)).to_have_text([CELLULE, SOS])
        expect(other.get_by_label("Commune de la structure")).to_have_value(LILLE)
    finally:
        shared.close()

    titles.get_by_role("link", name=CELLULE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CELLULE)
    expect(page).to_have_title(re.compile(f"^{CELLULE}"))
    expect(page.get_by_text("Ouverte", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Description", level=2)).to_be_visible()
    expect(page.get_by_text(re.compile("réactivée par le préfet de région")).first).to_be_visible()

    practical = page.locator(".fr-callout").filter(
        has=page.get_by_role("heading", name="En pratique")
    )
    expect(practical).to_be_visible()

    def practical_value(term):
        return (
            practical.locator("dt")
            .get_by_text(term, exact=True)
            .locator("xpath=following-sibling::dd[1]")
        )

    expect(practical_value("Porteurs")).to_have_text(
        "Conseil régional des Hauts-de-France, Préfecture de la région Hauts-de-France (SGAR)"
    )
    expect(practical_value("Cofinanceurs")).to_contain_text("France Active")
    expect(practical_value("Territoire")).to_have_text("Hauts-de-France")
    expect(practical_value("Montant")).to_have_text("Sans montant (service)")

    expect(page.get_by_role("heading", name="Contact")).to_be_visible()
    expect(page.get_by_text("Adressez-vous au porteur de l'aide.")).to_be_visible()
    expect(page.get_by_role("heading", name="Source")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"^Dispositif national \(documents sources\)\."))
    ).to_be_visible()

    # The breadcrumb leads back to the search.
    page.get_by_role("navigation", name="vous êtes ici :").get_by_role("link", name="Aides").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rechercher une aide ou un accompagnement"
    )
