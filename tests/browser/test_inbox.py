"""An instructor's inbox and application page in the browser, at 1280 and 375 px: the tabs and
their counts, a filter, two rows ticked and assigned in one action, then a correction request
from the application page. A page of 50 rows stays usable on a phone: the table scrolls sideways
inside its frame, nothing else is wider than the screen. Screenshots land in tmp_path."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import Note
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.factories import ApplicationFactory, CashflowPlanFactory
from tests.instruction.factories import SNAPSHOT, days_ago, inbox

pytestmark = pytest.mark.browser

# base.html's header: on a phone DSFR draws its menu button as the burger icon (see test_form_pages).
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}
REASON = "Merci de joindre la liste des dirigeants signée."


def seen(page, tmp_path, name, viewport):
    screenshot(page, tmp_path / f"{name}-{viewport}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    return [f"{name} : {problem}" for problem in problems + axe_violations(page)]


def table_scrolls_inside_its_frame(page):
    return page.evaluate(
        """() => {
          const frame = document.querySelector('#inbox-table .fr-table__content');
          return frame.scrollWidth > frame.clientWidth
            && document.documentElement.scrollWidth <= document.documentElement.clientWidth;
        }"""
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_instructor_filters_assigns_two_rows_and_asks_for_a_correction(page, viewport, tmp_path):
    world = inbox()
    apps = world.applications
    lille = apps["new_lille"].structure
    for day in range(50):
        ApplicationFactory(
            aid=world.aid,
            structure=lille,
            amount_requested_eur=Decimal(1000 + day),
            submitted_at=days_ago(2 + day / 100),
        )
    instructing = apps["instructing"]
    instructing.file_snapshot = SNAPSHOT
    instructing.applicant_link = "Administratrice de la structure, approuvée le 3 mars 2026."
    instructing.cashflow_plan = CashflowPlanFactory(structure=lille)
    instructing.save()
    Note.objects.create(application=instructing, author=world.colleague, body="Visite prévue.")
    page.set_viewport_size(VIEWPORTS[viewport])
    problems = []
    sign_in(page, world.agent)

    page.goto("/tableau-de-bord/")
    expect(page.get_by_role("link", name="Déposées : 52")).to_be_visible()
    page.get_by_role("link", name="Ouvrir la boîte de réception").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes à instruire")
    tabs = page.get_by_role("navigation", name="États des demandes")
    expect(tabs.get_by_role("link", name="À traiter 53")).to_have_attribute("aria-current", "page")
    expect(page.locator("#inbox-table tbody tr")).to_have_count(50)
    if viewport == "mobile":
        assert table_scrolls_inside_its_frame(page)
    problems += seen(page, tmp_path, "inbox-50-rows", viewport)

    tabs.get_by_role("link", name="Toutes 55").click()
    expect(page).to_have_url(re.compile(r"tab=toutes"))
    page.get_by_role("button", name="Filtrer les demandes").click()
    page.get_by_label("Département (code)").fill("80")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    expect(page.locator("#inbox-table tbody tr")).to_have_count(2)
    expect(page.locator("#inbox-total")).to_have_text("2 demandes")

    for key in ("new_amiens", "correction"):
        page.get_by_label(f"Sélectionner la demande {apps[key].reference}").check()
    page.get_by_label("Action", exact=True).select_option(label="Assigner à…")
    page.locator("#batch-assignee").select_option(label="Paul Collègue")
    expect(page.locator("#batch-reason")).to_be_hidden()
    page.get_by_role("button", name="Appliquer").click()
    expect(page.get_by_text("2 demandes assignées")).to_be_visible()
    expect(page.get_by_label("Département (code)")).to_have_value("80")  # filters kept
    expect(page.locator("#inbox-table tbody tr").filter(has_text="Paul Collègue")).to_have_count(2)
    problems += seen(page, tmp_path, "inbox-assigned", viewport)

    page.goto(f"/instruction/demandes/{apps['instructing'].pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Demande {apps['instructing'].reference}"
    )
    page.get_by_role("button", name="Demander une correction").click()
    page.get_by_label("Motif de la demande de correction").fill(REASON)
    page.get_by_role("button", name="Confirmer : demander une correction").click()
    expect(page.get_by_text("La demande de correction est envoyée au demandeur.")).to_be_visible()
    thread = page.locator("#messages")
    expect(thread.get_by_text(REASON)).to_be_visible()
    expect(thread.get_by_text("Demande de correction", exact=True)).to_be_visible()
    expect(page.locator("#historique").get_by_text(f"« {REASON} »")).to_be_visible()
    expect(page.locator("#dossier").get_by_text("Alice Martin")).to_be_visible()
    expect(page.locator("#notes").get_by_text("Visite prévue.")).to_be_visible()
    problems += seen(page, tmp_path, "application-correction", viewport)

    apps["instructing"].refresh_from_db()
    assert apps["instructing"].status == S.CORRECTION
    assert not problems, "\n".join(problems)
