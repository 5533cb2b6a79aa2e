"""A person signs up and describes their structure from its SIRET, in a real headless Chromium."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from aidess.accounts.models import User
from aidess.structures.models import Structure, StructureMembership
from tests.accounts.pages import link_in

pytestmark = pytest.mark.browser

# LES RESTAURANTS DU COEUR (Angers), recorded in tests/fixtures/recherche-entreprises/.
SIRET = "40046135600133"
EMAIL = "benevole@restosducoeur.example"
PASSWORD = "Soupe-chaude-pour-tous-1985"


def is_htmx_request(request, url_end):
    return request.url.endswith(url_end) and request.headers.get("hx-request") == "true"


def profile_value(page, term):
    """The <dd> of the structure page's description list that follows the <dt> `term`."""
    term = page.locator("dl.aidess-profile dt").get_by_text(term, exact=True)
    return term.locator("xpath=following-sibling::dd[1]")


def test_sign_up_then_create_structure_from_siret(page, live_server, sirene_api, mailoutbox):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trouver les aides")
    # DSFR's stylesheet and HTMX really load (the page fixture also fails on any HTTP error).
    assert page.evaluate("typeof window.htmx") == "object"
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")

    page.get_by_role("link", name="Créer un compte", exact=True).click()
    expect(page).to_have_title(re.compile("^Créer un compte"))
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_label("Prénom").fill("Coluche")
    page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(PASSWORD)
    page.get_by_label(re.compile(r"Confirmation du mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre messagerie")
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    page.goto(link_in(message))
    page.get_by_label("Mot de passe choisi à l'inscription").fill(PASSWORD)
    page.get_by_role("button", name="Activer mon compte").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter ma structure")
    expect(page.get_by_text("Votre compte est activé.")).to_be_visible()
    form_page_url = page.url

    # The lookup replaces the form in place (HTMX), it does not reload the page.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("SIRET").fill("400 461 356 00133")
    with page.expect_request(lambda r: is_htmx_request(r, "/structures/nouvelle/")) as lookup:
        page.get_by_role("button", name="Rechercher ce SIRET").click()
    assert "action=lookup" in lookup.value.post_data
    expect(page.get_by_role("status").filter(has_text="Fiche pré-remplie")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.url == form_page_url
    assert [query for _path, query, _agent in sirene_api.requests] == [SIRET]

    expect(page.get_by_label("SIRET")).to_have_value(SIRET)
    expect(page.get_by_label("Nom", exact=True)).to_have_value("LES RESTAURANTS DU COEUR")
    expect(page.get_by_label("Catégorie juridique")).to_have_value("9220")
    expect(page.get_by_label("Commune du siège")).to_have_value("Angers (49007)")
    expect(page.get_by_label("Numéro RNA")).to_have_value("W491004193")
    expect(page.get_by_label("Structure de l'ESS")).to_be_checked()

    page.get_by_label("Salariés (ETP)").fill("12.5")
    page.get_by_label("Secteur").select_option(label="Alimentation")
    page.get_by_label("Bénévoles").fill("80")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("LES RESTAURANTS DU COEUR")
    expect(page.get_by_text("La fiche de votre structure est créée.")).to_be_visible()
    expect(profile_value(page, "SIRET")).to_have_text(SIRET)
    expect(profile_value(page, "Forme juridique")).to_contain_text("Association")
    expect(profile_value(page, "Secteur")).to_have_text("Alimentation")
    expect(profile_value(page, "Commune du siège")).to_have_text(
        "Angers — Maine-et-Loire, Pays de la Loire"
    )
    expect(profile_value(page, "Numéro RNA")).to_have_text("W491004193")
    expect(profile_value(page, "Structure de l'ESS")).to_have_text("Oui")
    expect(profile_value(page, "Salariés (ETP)")).to_have_text("12,50")
    expect(profile_value(page, "Bénévoles")).to_have_text("80")

    structure = Structure.objects.get(siret=SIRET)
    assert page.url == f"{live_server.url}{structure.get_absolute_url()}"
    assert structure.name == "LES RESTAURANTS DU COEUR"
    assert structure.legal_category_id == "9220"
    assert structure.commune_id == "49007"
    assert structure.department_id == "49"
    assert structure.region_id == "52"
    assert structure.sector == "food"
    assert str(structure.employees_fte) == "12.50"
    assert structure.volunteers == 80
    user = User.objects.get(email=EMAIL)
    assert StructureMembership.objects.filter(
        user=user, structure=structure, is_admin=True
    ).exists()


def test_commune_field_suggests_communes_as_one_types(page, login_in_browser):
    login_in_browser()
    page.goto("/structures/nouvelle/")
    commune = page.get_by_label("Commune du siège")
    with page.expect_response(lambda r: is_htmx_request(r.request, "commune=Angers")):
        commune.press_sequentially("Angers", delay=30)

    options = page.locator("#commune-options option")
    expect(options.first).to_have_attribute("value", "Angers (49007)")
    expect(options.first).to_have_text(re.compile("^Maine-et-Loire — 49000, 49100"))

    # Choosing the suggestion fills the field with "Name (INSEE code)", which the form accepts.
    with page.expect_response(lambda r: is_htmx_request(r.request, "commune=Angers%20(49007)")):
        commune.fill("Angers (49007)")
    page.get_by_label("Nom", exact=True).fill("Épicerie solidaire d'Angers")
    page.get_by_role("button", name="Enregistrer").click()
    expect(profile_value(page, "Commune du siège")).to_have_text(
        "Angers — Maine-et-Loire, Pays de la Loire"
    )
    assert Structure.objects.get(name="Épicerie solidaire d'Angers").department_id == "49"
