"""The main pages as a person sees them, at 1280 and 375 px: nothing wider than the screen, no
result card taller than it, every button's label readable, and axe-core finds no violation.

Three tests (anonymous pages, the simulation, a structure member's pages) rather than one per
page: each browser test pays for a database flush and the reload of the reference data.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems
from tests.browser.sign_in import sign_in
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.browser

# DSFR draws these buttons as an icon on small screens, by design, their label kept for assistive
# technologies (text and title): the header's menu button and the search bar's submit button.
DSFR_ICON_BUTTONS = ".fr-header__navbar .fr-btn--menu, .fr-search-bar .fr-btn"

RESULT_CARDS = ".fr-card, .fr-callout, .fr-accordion"

AUBUSSON = (
    "/simulation/?legal_form=association&commune=Aubusson+%2823008%29&employees_fte=2&ess=yes"
    "&situations=public_funding_cut"
)


def problems_seen(page, url=None, cards=RESULT_CARDS):
    """Layout problems and axe violations of the page at both widths, each line prefixed by
    the width; `url` is loaded again at each width (None: the page as it is, reloaded)."""
    found = []
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        if url:
            page.goto(url)
        else:
            page.reload()
        icon_labels = {
            text.strip()
            for text in page.locator(DSFR_ICON_BUTTONS).all_inner_texts()
            if page.viewport_size["width"] < 992
        }
        for problem in layout_problems(page, cards):
            label = re.search(r"texte de bouton coupé : « (.*) »$", problem)
            if not (label and label[1] in icon_labels):
                found.append(f"{name} {page.url} : {problem}")
        found += [f"{name} {page.url} : axe {line}" for line in axe_violations(page)]
    return found


def test_public_pages_as_seen(page, browser, live_server):
    problems = []
    page.goto("/")
    problems += problems_seen(page)

    # The home page's search box leads to the catalog's results.
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.get_by_label("Rechercher une aide").fill("accompagnement")
    page.get_by_label("Rechercher une aide").press("Enter")
    expect(page).to_have_url(re.compile(r"/aides/\?q=accompagnement"))
    expect(page.locator("#aid-results .fr-card").first).to_be_visible()
    assert page.locator("#aid-results .fr-card").count() > 5
    problems += problems_seen(page, cards="#aid-results .fr-card")

    problems += problems_seen(page, "/aides/dla/")
    expect(page.get_by_role("heading", name="Qui peut en bénéficier ?")).to_be_visible()
    expect(page.get_by_role("link", name="Vérifier mon éligibilité")).to_be_visible()

    problems += problems_seen(page, "/mentions-legales/")

    # The error page answers 404, which the `page` fixture counts as a failure: own context.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    try:
        missing = context.new_page()
        response = missing.goto("/aides/aide-qui-n-existe-pas/")
        assert response.status == 404
        expect(missing.get_by_role("heading", level=1)).to_have_text("Page introuvable")
        problems += problems_seen(missing)
    finally:
        context.close()

    assert not problems, "\n".join(problems)


def test_simulation_as_seen_and_focus_on_its_results(page):
    # From an aid page, the simulation answers for that aid.
    page.goto("/aides/dla/")
    page.get_by_role("link", name="Vérifier mon éligibilité").click()
    expect(page.get_by_text("Vous vérifiez votre éligibilité à")).to_be_visible()
    page.get_by_label("Salariés (ETP)").fill("2")
    page.get_by_label("Structure de l'ESS ?").select_option(label="Oui")
    page.get_by_label("Salariés (ETP)").press("Enter")

    # Keyboard users land on the results, not at the top of the page.
    heading = page.get_by_role("heading", name="Résultats de la simulation")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(page.locator("#checked-aid")).to_contain_text(
        "Dispositif local d'accompagnement (DLA) : votre structure est éligible"
    )
    page.keyboard.press("Tab")
    expect(page.locator("#checked-aid").get_by_role("link").first).to_be_focused()

    problems = problems_seen(page, AUBUSSON)
    # On a phone, the results come below the form: focus brings them into view.
    page.set_viewport_size(VIEWPORTS["mobile"])
    page.goto(AUBUSSON)
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    assert not problems, "\n".join(problems)


def test_member_pages_as_seen(page):
    user = UserFactory()
    structure = StructureFactory(member=user, name="Théâtre de la Creuse", employees_fte=2)
    sign_in(page, user)

    problems = problems_seen(page, "/tableau-de-bord/")
    for label in ["Ajouter ma structure", "Rechercher une aide"]:
        expect(page.get_by_role("link", name=label)).to_be_visible()

    problems += problems_seen(page, structure.get_absolute_url())
    for label in ["Mes aides", "Modifier la fiche"]:
        expect(page.get_by_role("link", name=label, exact=True)).to_be_visible()

    problems += problems_seen(page, f"/structures/{structure.pk}/mes-aides/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes aides")
    assert not problems, "\n".join(problems)
