"""A structure member diagnoses its situation, sees its aids follow, then plans 3 months of cash."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.sign_in import sign_in
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.browser

NAME = "Les Jardins partagés de Wazemmes"
RELAY_LOAN = "Prêt relais solidaire"
NEED = "Besoin de financement immédiat : 3\u202f000,50\u00a0€"  # espace fine, insécable before €


def section_aids(page, title):
    """Names of the aids listed under the eligibility page's section `title`."""
    heading = page.locator("h2").filter(has_text=re.compile(f"^{re.escape(title)}"))
    return heading.locator(
        "xpath=following-sibling::div[contains(@class, 'fr-accordions-group')][1]"
        "//button[contains(@class, 'fr-accordion__btn')]"
    )


def choose(page, label):
    """Ticks a DSFR radio button or checkbox: the label takes the click, as for a person."""
    page.locator("label").filter(has_text=re.compile(f"^\\s*{re.escape(label)}\\s*$")).click()
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def next_step(page, number):
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_text(f"Étape {number} sur 5")).to_be_visible()


def cell(page, line, month):
    return page.get_by_label(f"{line}, {month}", exact=True)


def type_over(page, text):
    """Types into the focused cell, whose content the grid's script selected."""
    page.keyboard.type(text)


def test_diagnosis_then_three_month_cash_flow_plan(page):
    user = UserFactory()
    StructureFactory(member=user, name=NAME, is_ess=True)
    sign_in(page, user)

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Structures"
    ).click()
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    structure_url = page.url

    # Before any diagnosis, the relay loan waits for the structure's situation.
    page.get_by_role("link", name="Mes aides").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes aides")
    expect(section_aids(page, "À confirmer").filter(has_text=RELAY_LOAN)).to_have_count(1)
    expect(section_aids(page, "Aides auxquelles").filter(has_text=RELAY_LOAN)).to_have_count(0)

    page.goto(structure_url)
    page.get_by_role("link", name="Autodiagnostic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autodiagnostic")
    expect(page.get_by_text("Aucun autodiagnostic pour le moment.")).to_be_visible()
    page.get_by_role("button", name="Commencer l'autodiagnostic").click()

    expect(page.get_by_text("Étape 1 sur 5")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Votre activité")
    choose(page, "Réduite")
    next_step(page, 2)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Vos ressources")
    page.get_by_label("Un financement public baisse-t-il ou disparaît-il ?").select_option(
        label="Oui"
    )
    page.get_by_label("Quel financeur ?").fill("La Région")
    page.get_by_label("Montant de la baisse (€)").fill("8000")
    next_step(page, 3)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Votre trésorerie")
    page.get_by_label("Combien de mois de dépenses couvre-t-elle ?").fill("0.5")
    next_step(page, 4)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Équipe")
    page.get_by_label("Des bénévoles se sont-ils démobilisés ?").select_option(label="Oui")
    next_step(page, 5)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Accompagnement déjà reçu")
    page.get_by_role("button", name="Terminer et voir le résultat").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Résultat de l'autodiagnostic")
    expect(
        page.get_by_text("Autodiagnostic terminé : vos aides sont mises à jour.")
    ).to_be_visible()
    expect(page.locator(".fr-callout__title").first).to_have_text("Situation critique")
    # A critical situation is offered to the regional watch cell, with consent (issue 15).
    expect(
        page.get_by_role("link", name="Signaler ma situation à la cellule régionale")
    ).to_be_visible()
    reasons = page.get_by_role("heading", name="Pourquoi ce niveau").locator(
        "xpath=following-sibling::ul[1]/li"
    )
    expect(reasons).to_contain_text(
        [
            "Votre activité est réduite.",
            re.compile("^La Région a annoncé une baisse de financement de 8\\s000 €\\.$"),
            "Votre trésorerie couvre moins d'un mois de dépenses.",
            "Des bénévoles se sont démobilisés.",
        ]
    )
    expect(page.locator(".fr-tags-group .fr-tag")).to_have_text(
        [
            "Activité réduite",
            "Manque de trésorerie",
            "Baisse ou perte d'un financement public",
            "Démobilisation des bénévoles",
        ],
        use_inner_text=True,
    )

    # The aids follow the diagnosed situations.
    page.get_by_role("link", name="Voir mes aides").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes aides")
    eligible = section_aids(page, "Aides auxquelles")
    expect(eligible.filter(has_text=RELAY_LOAN)).to_have_count(1)
    expect(section_aids(page, "À confirmer").filter(has_text=RELAY_LOAN)).to_have_count(0)
    relay_loan = eligible.filter(has_text=RELAY_LOAN)
    relay_loan.click()
    situation = page.locator(f"#{relay_loan.get_attribute('aria-controls')} li").filter(
        has_text="Votre situation correspond"
    )
    expect(situation).to_contain_text("Rempli")
    expect(situation).to_contain_text("manque de trésorerie")
    expect(situation).to_contain_text("baisse ou perte d'un financement public")

    page.goto(structure_url)
    page.get_by_role("link", name="Plan de trésorerie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans de trésorerie")
    expect(page.get_by_text("Aucun plan pour le moment.")).to_be_visible()
    page.get_by_label("Premier mois").select_option(label="Janvier")
    page.get_by_label("Année").fill("2026")
    expect(page.get_by_label("Durée")).to_have_value("3")
    page.get_by_role("button", name="Créer un plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Plan de trésorerie")
    expect(page.get_by_text(f"{NAME} — janvier 2026, 3 mois.")).to_be_visible()
    expect(page.locator("#cashflow-grid thead th")).to_have_text(
        ["Ligne", "janvier 2026", "février 2026", "mars 2026", "Retirer"]
    )
    need = page.locator("#financing-need")
    expect(need).to_have_text("Besoin de financement immédiat : 0\u00a0€")
    plan_url = page.url
    page.evaluate("window.stillTheSamePage = true")

    opening = page.get_by_label("Trésorerie au début de janvier 2026 (€)")
    opening.click()
    page.keyboard.press("ControlOrMeta+a")
    type_over(page, "1000")

    cell(page, "Ventes et prestations", "janvier 2026").click()
    page.keyboard.press("ControlOrMeta+a")
    type_over(page, "3000")
    # With the caret at the end of a cell, ArrowRight goes to the next month, content selected.
    page.keyboard.press("ArrowRight")
    expect(cell(page, "Ventes et prestations", "février 2026")).to_be_focused()
    type_over(page, "4000")
    page.keyboard.press("ArrowRight")
    type_over(page, "2000")
    # Enter goes down instead of submitting the form; so does ArrowDown.
    page.keyboard.press("Enter")
    expect(cell(page, "Subvention — État", "mars 2026")).to_be_focused()
    for _ in range(7):
        page.keyboard.press("ArrowDown")
    expect(cell(page, "Salaires", "mars 2026")).to_be_focused()
    type_over(page, "4500,50")
    # At the start of a cell, ArrowLeft goes to the previous month.
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")
    expect(cell(page, "Salaires", "février 2026")).to_be_focused()
    type_over(page, "3500")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")
    type_over(page, "5000")
    # Leaving the cell sends the grid to the server, which recomputes the results in place.
    with page.expect_response(
        lambda r: (
            r.url == plan_url
            and r.request.method == "POST"
            and r.request.headers.get("hx-request") == "true"
        )
    ):
        page.keyboard.press("Enter")
    expect(cell(page, "Charges sociales", "janvier 2026")).to_be_focused()

    # Every recomputation has come back: the results below are the last ones, not replaced midway.
    expect(page.locator("#cashflow-form")).not_to_have_class(re.compile(r"\bhtmx-request\b"))
    expect(need).to_have_text(NEED)
    assert need.text_content() == NEED
    results = page.locator("#cashflow-results")
    expect(results).to_contain_text("Solde le plus bas : -3\u202f000,50\u00a0€ en mars 2026.")
    expect(results.locator("td[data-month]")).to_have_text(
        ["-1\u202f000\u00a0€", "-500\u00a0€", "-3\u202f000,50\u00a0€"]
    )
    # The chart draws the three negative balances in red, the deepest the tallest.
    bars = results.locator("svg rect")
    expect(bars).to_have_count(3)
    # Read in one go, so that the bars measured are the bars of one and the same chart.
    drawn = bars.evaluate_all(
        "bars => bars.map(bar => [bar.getBoundingClientRect().height, bar.getAttribute('fill')])"
    )
    heights = [height for height, _fill in drawn]
    assert heights[2] > heights[0] > heights[1] > 0, heights
    assert [fill for _height, fill in drawn] == ["#ce0500"] * 3
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.url == plan_url
    expect(cell(page, "Salaires", "mars 2026")).to_have_value("4500,50")

    # No recomputation is left in flight when the person saves.
    expect(page.locator("#cashflow-form")).not_to_have_class(re.compile(r"\bhtmx-request\b"))
    page.get_by_role("button", name="Enregistrer le plan").click()
    expect(page.get_by_role("status").filter(has_text="Plan enregistré.")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is None
    expect(cell(page, "Ventes et prestations", "février 2026")).to_have_value("4\u202f000")
    expect(cell(page, "Salaires", "mars 2026")).to_have_value("4\u202f500,50")
    expect(need).to_have_text(NEED)

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Télécharger (XLSX)").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    # The downloaded file has no extension, which openpyxl needs: read it from memory.
    with open(xlsx_download.value.path(), "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).worksheets[0]
    assert sheet["A1"].value == "Plan de trésorerie AidESS"
    assert sheet["B2"].value == NAME
    assert sheet["B3"].value == 1000
    rows = {sheet.cell(row, 2).value: row for row in range(1, sheet.max_row + 1)}
    assert [sheet.cell(5, col).value for col in (3, 4, 5)] == ["2026-01", "2026-02", "2026-03"]

    def amounts(label):
        return [sheet.cell(rows[label], col).value for col in (3, 4, 5)]

    assert amounts("Ventes et prestations") == [3000, 4000, 2000]
    assert amounts("Salaires") == [5000, 3500, 4500.5]
    assert amounts("Loyer") == [0, 0, 0]
    for total in ("Total des encaissements", "Total des décaissements"):
        assert all(str(value).startswith("=SUMIF(") for value in amounts(total)), total
    assert all(
        str(value).startswith("=") for value in amounts("Solde de trésorerie en fin de mois")
    )
    assert str(sheet.cell(rows["Besoin de financement immédiat"], 3).value).startswith("=MAX(0,")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Version à imprimer (PDF)").click()
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    with open(pdf_download.value.path(), "rb") as file:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(file.read())).pages)
    assert NAME in text
    assert "2026-01" in text
    assert "Besoin de financement immédiat : 3 000,50 €" in text
