"""A structure's member applies from « Mes aides », at 1280 and 375 px: the project saved as it
goes (HTMX), the aid's question, the summary with the file and the cash plan's financing need,
the submission, the application's page and its receipt read back from the PDF, a correction
request answered with a new document, and the aid's page showing the application."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Application
from tests.applications.apply_helpers import applying_aid, complete_file, member_with_structure
from tests.applications.helpers import a_pdf
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.factories import PASSWORD, CashflowPlanFactory, DiagnosisFactory, instructor

pytestmark = pytest.mark.browser

IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}  # DSFR's burger button on a phone


def seen(page, tmp_path, name, viewport):
    screenshot(page, tmp_path / f"{name}-{viewport}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    return [f"{name} : {problem}" for problem in problems + axe_violations(page)]


def type_in(page, label, text):
    """Type, then leave the field: its change autosaves; the answer is waited for."""
    field = page.get_by_label(label)
    with page.expect_response(lambda r: r.request.method == "POST" and "/projet/" in r.url):
        field.fill(text)
        field.press("Tab")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_member_applies_from_mes_aides_with_the_file_and_the_cash_plan(page, viewport, tmp_path):
    user, structure = member_with_structure(name="Les Ateliers du Canal")
    complete_file(structure, user)
    DiagnosisFactory(structure=structure, completed=True)
    CashflowPlanFactory(structure=structure)  # a 3 000,50 € need in March 2026
    aid = applying_aid(
        questions=[("Combien de personnes accueillez-vous ?", True)],
        requires_diagnosis=True,
        requires_cashflow_plan=True,
    )
    page.set_viewport_size(VIEWPORTS[viewport])
    problems = []
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page).not_to_have_url(re.compile("/compte/connexion/"))

    page.goto(f"/structures/{structure.pk}/mes-aides/")
    listed = page.locator("#apply-list")
    expect(listed).to_contain_text("Fonds de relance ESS")
    problems += seen(page, tmp_path, "mes-aides", viewport)
    listed.get_by_role("button", name="Déposer une demande pour Fonds de relance ESS").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Demande : Fonds de relance ESS")
    type_in(page, "Intitulé du projet", "Ateliers d'été 2026")
    type_in(page, "Objectifs du projet", "Garder deux emplois et 40 ateliers.")
    type_in(page, "Montant demandé (€)", "12 500")
    type_in(page, "Budget total du projet (€)", "30 000")
    type_in(page, "Combien de personnes accueillez-vous ?", "120 enfants")
    expect(page.locator("#autosave-status")).to_contain_text(
        re.compile(r"Brouillon enregistré à \d\d h \d\d")
    )
    draft = Application.objects.get(aid=aid)  # saved with no button pressed
    assert draft.project_title == "Ateliers d'été 2026"
    assert str(draft.project_budget_eur) == "30000.00"
    assert list(draft.answers.values()) == ["120 enfants"]
    problems += seen(page, tmp_path, "project", viewport)

    page.get_by_role("button", name="Vérifier et déposer").click()
    expect(page.get_by_text("La demande est complète")).to_be_visible()
    expect(page.locator("#financing-need")).to_contain_text("3\u202f000,50\u00a0€")
    expect(page.get_by_text("120 enfants")).to_be_visible()
    problems += seen(page, tmp_path, "summary", viewport)

    page.get_by_role("button", name="Déposer la demande").click()
    expect(page.locator("#application-state")).to_contain_text("Déposée")
    draft.refresh_from_db()
    expect(
        page.get_by_text(f"Votre demande est déposée sous le numéro {draft.reference}")
    ).to_be_visible()
    expect(page.get_by_role("link", name="RIB — rib.pdf")).to_be_visible()
    problems += seen(page, tmp_path, "submitted", viewport)
    with page.expect_download() as download:
        page.get_by_role("link", name="Accusé de réception (PDF)").click()
    content = download.value.path().read_bytes()
    text = " ".join(
        PdfReader(io.BytesIO(content)).pages[0].extract_text().replace("\xa0", " ").split()
    )
    assert draft.reference in text and "Fonds de relance ESS" in text and "12 500 €" in text

    assert draft.file_snapshot["identity"]["name"] == "Les Ateliers du Canal"
    assert draft.cashflow_plan is not None and draft.diagnosis is not None

    # The instructor asks for a correction; the member answers with a new document.
    APPLICATION_LIFECYCLE.apply(draft, "request_correction", instructor(draft), "RIB illisible.")
    page.reload()
    expect(page.locator("#correction")).to_contain_text("RIB illisible.")
    problems += seen(page, tmp_path, "correction", viewport)
    page.get_by_label("Votre réponse").fill("Voici un RIB lisible.")
    page.get_by_label("Nouveau document").set_input_files(
        {"name": "rib-2026.pdf", "mimeType": "application/pdf", "buffer": a_pdf("RIB")}
    )
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.locator("#application-state")).to_contain_text("En instruction")
    expect(page.locator("#timeline")).to_contain_text("Voici un RIB lisible.")
    expect(page.get_by_role("link", name="rib-2026.pdf")).to_be_visible()

    # The aid's page shows the application made.
    page.goto(aid.get_absolute_url())
    expect(page.locator("#apply-box")).to_contain_text(f"demande {draft.reference}")
    problems += seen(page, tmp_path, "aid-page", viewport)
    assert not problems, "\n".join(problems)
