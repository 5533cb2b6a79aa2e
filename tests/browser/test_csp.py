"""The main pages under the Content-Security-Policy: nothing the browser blocks, HTMX still works.

The policy (config/settings/base.py) is the one production sends: scripts, styles, images and
requests from this origin only, no inline script, style or event handler, no eval.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.sign_in import sign_in
from tests.factories import CashflowPlanFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.browser

# Runs before the page's own scripts: keeps every violation the browser reports.
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} a bloqué ${event.blockedURI || "du code en ligne"} `
    + `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`
  );
});
"""
SIMULATION = (
    "/simulation/?legal_form=association&commune=Aubusson+%2823008%29&sector=culture&ess=yes"
    "&employees_fte=4&annual_budget_eur=250000&situations=public_funding_cut&needs=cash"
)


def violations(page):
    return page.evaluate("window.cspViolations")


def visit(page, path):
    response = page.goto(path)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    page.wait_for_load_state("networkidle")  # the DSFR's module script has run
    assert violations(page) == [], f"{path} : {violations(page)}"


def test_main_pages_raise_no_policy_violation(page):
    page.add_init_script(WATCH_VIOLATIONS)
    user = UserFactory()
    structure = StructureFactory(member=user, name="Les Ateliers du Chemin", is_ess=True)
    plan = CashflowPlanFactory(structure=structure)

    visit(page, "/")
    visit(page, "/aides/?q=tr%C3%A9sorerie&commune=23008")
    expect(page.locator("#aid-results h2.fr-card__title").first).to_be_visible()
    page.locator("#aid-results h2.fr-card__title a").first.click()
    expect(page).to_have_url(re.compile(r"/aides/[\w-]+/$"))
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], f"{page.url} : {violations(page)}"
    visit(page, SIMULATION)
    expect(page.locator("#simulation-results h2").first).to_be_visible()
    # The DSFR's script still opens an accordion (its styles are set through the CSSOM).
    button = page.locator("#simulation-results button.fr-accordion__btn").first
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    assert violations(page) == []

    sign_in(page, user)
    visit(page, "/tableau-de-bord/")
    visit(page, f"/structures/{structure.pk}/mes-aides/")
    visit(page, f"/structures/{structure.pk}/tresorerie/{plan.pk}/")
    # The plan's HTMX recomputation and the duration's script (no longer an onchange attribute).
    with page.expect_response(
        lambda response: (
            response.request.method == "POST"
            and response.request.headers.get("hx-request") == "true"
        )
    ):
        page.get_by_label("Ventes, janvier 2026", exact=True).fill("9000")
        page.get_by_label("Ventes, janvier 2026", exact=True).press("Tab")
    # 1 000 € at the start, 9 000 € in, 5 000 € out: 5 000 € at the end of January.
    expect(page.locator("#cashflow-results td[data-month]").first).to_have_text(
        re.compile(r"^5\s000")
    )
    page.get_by_label("Durée").select_option("4")
    expect(page.locator("#cashflow-grid thead th")).to_have_count(1 + 4 + 1)
    assert violations(page) == []


def test_htmx_still_suggests_communes_on_the_search_page(page):
    page.add_init_script(WATCH_VIOLATIONS)
    visit(page, "/aides/")
    commune = page.get_by_label("Commune de la structure")

    with page.expect_response(
        lambda response: (
            "commune=Aubusson" in response.url
            and response.request.headers.get("hx-request") == "true"
        )
    ):
        commune.press_sequentially("Aubusson", delay=30)

    options = page.locator("datalist option")
    expect(options.filter(has_text=re.compile("^Creuse — 23200"))).to_have_count(1)
    assert violations(page) == []
