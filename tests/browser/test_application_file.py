"""The demo structure's member fills its application file in the browser, at 1280 and 375 px:
contacts (a mistake corrected), the forecast budget on the grid, documents sent and refused by
content, the checklist and the balance warning as they read them, a document downloaded back."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from aidess.demo.accounts import DEMO_PASSWORD, create_demo_accounts
from tests.applications.helpers import HTML, a_pdf
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot

pytestmark = pytest.mark.browser

MEMBER = "structure@demo.aidess.fr"
# base.html's header: on a phone DSFR draws its menu button as the burger icon (see test_form_pages).
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}


def seen(page, tmp_path, name, viewport):
    screenshot(page, tmp_path / f"{name}-{viewport}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    return [f"{name} : {problem}" for problem in problems + axe_violations(page)]


def badge(page, label):
    return page.locator("ul[aria-label='Pièces du dossier'] li").filter(has_text=label)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_demo_structure_fills_its_application_file(page, viewport, tmp_path):
    create_demo_accounts()
    page.set_viewport_size(VIEWPORTS[viewport])
    problems = []
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(MEMBER)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page).not_to_have_url(re.compile("/compte/connexion/"))

    page.get_by_role("link", name="Dossier de demande de Théâtre Stéphane Gildas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier de demande")
    expect(badge(page, "Statuts")).to_contain_text("Manquant")
    problems += seen(page, tmp_path, "empty-file", viewport)

    # Contacts: a mistake in the e-mail, corrected without retyping the rest.
    page.get_by_role("link", name="Modifier les contacts et moyens humains").click()
    page.get_by_label("Nom et prénom").first.fill("Claire Durand")
    page.get_by_label("Qualité (ex. président)").fill("Présidente")
    page.get_by_label("Adresse e-mail").first.fill("claire@")
    page.get_by_label("Adhérents").fill("85")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Saisissez une adresse e-mail valide.")).to_be_visible()
    expect(page.get_by_label("Nom et prénom").first).to_have_value("Claire Durand")
    expect(page.get_by_label("Adhérents")).to_have_value("85")
    problems += seen(page, tmp_path, "contacts-error", viewport)
    page.get_by_label("Adresse e-mail").first.fill("claire@theatre.example")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Claire Durand, Présidente")).to_be_visible()

    # The forecast budget on the grid: 64 (row 5) and a subsidy 74 (row 12) with its funder.
    page.get_by_role("link", name="Modifier le budget prévisionnel").click()
    problems += seen(page, tmp_path, "budget-grid", viewport)
    page.get_by_label("Montant, ligne 5", exact=True).fill("30 000")
    page.get_by_label("Montant, ligne 12", exact=True).fill("25 000")
    page.get_by_role("button", name="Enregistrer le budget").click()
    expect(
        page.get_by_text("Indiquez le financeur de cette subvention (compte 74).")
    ).to_be_visible()
    expect(page.get_by_label("Montant, ligne 5", exact=True)).to_have_value("30 000")
    page.get_by_label("Précision, ligne 12", exact=True).fill("Ville de Paris")
    page.get_by_role("button", name="Enregistrer le budget").click()
    expect(page.get_by_text("Le budget prévisionnel n'est pas équilibré")).to_be_visible()
    expect(page.get_by_text("dont subvention : Ville de Paris")).to_be_visible()

    # Documents: an HTML page named .pdf refused, the statutes accepted.
    page.get_by_role("link", name="Ajouter un document").click()
    page.get_by_label("Type de document").select_option(label="Statuts")
    page.get_by_label("Fichier").set_input_files(
        {"name": "statuts.pdf", "mimeType": "application/pdf", "buffer": HTML}
    )
    page.get_by_role("button", name="Ajouter au dossier").click()
    expect(page.get_by_text("Ce fichier n'est pas un document accepté")).to_be_visible()
    expect(page.get_by_label("Type de document")).to_have_value("statuts")
    problems += seen(page, tmp_path, "upload-refused", viewport)
    pdf = a_pdf("Statuts du Théâtre")
    page.get_by_label("Fichier").set_input_files(
        {"name": "statuts.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Ajouter au dossier").click()
    expect(badge(page, "Statuts")).to_contain_text("Valide")
    expect(badge(page, "RIB")).to_contain_text("Manquant")
    problems += seen(page, tmp_path, "filled-file", viewport)

    with page.expect_download() as download:
        page.get_by_role("link", name="statuts.pdf").click()
    assert download.value.suggested_filename == "statuts.pdf"
    assert Path(download.value.path()).read_bytes() == pdf

    assert not problems, "\n".join(problems)
