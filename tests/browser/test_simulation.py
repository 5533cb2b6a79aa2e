"""Someone without an account answers a few questions and reads which aids fit, and why."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DLA = "Dispositif local d'accompagnement (DLA)"
SECTIONS = {
    "eligible": "Aides auxquelles votre structure est éligible",
    "to_confirm": "À confirmer",
    "near": "Presque éligible",
}


def is_htmx_request(request, url_end):
    return request.url.endswith(url_end) and request.headers.get("hx-request") == "true"


def section_heading(page, key):
    return page.locator("#simulation-results h2").filter(
        has_text=re.compile(f"^{re.escape(SECTIONS[key])}")
    )


def section_aids(page, key):
    """The accordion buttons of a section's aids, those folded with the generic aids included."""
    prefix = {"eligible": "eligible", "to_confirm": "confirm", "near": "near"}[key]
    return page.locator(
        f"#simulation-results button.fr-accordion__btn[aria-controls^='aid-{prefix}-']"
    )


def section_count(page, key):
    return int(section_heading(page, key).locator(".fr-badge").inner_text())


def test_anonymous_simulation(page):
    page.goto("/")
    page.get_by_role("link", name="Simuler sans compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "À quelles aides ma structure peut-elle prétendre ?"
    )
    expect(page.locator("#simulation-results")).not_to_contain_text(SECTIONS["eligible"])

    page.get_by_label("Forme juridique").select_option(label="Association")
    commune = page.get_by_label("Commune du siège")
    with page.expect_response(lambda r: is_htmx_request(r.request, "commune=Aubusson")):
        commune.press_sequentially("Aubusson", delay=30)
    # Two communes bear that name: the suggestions tell them apart by their department.
    options = page.locator("#commune-options option")
    creuse = options.filter(has_text=re.compile("^Creuse — 23200"))
    expect(creuse).to_have_attribute("value", "Aubusson (23008)")
    expect(options.filter(has_text=re.compile("^Orne"))).to_have_count(1)
    # Headless Chromium cannot click a <datalist> entry: choosing one types its value.
    commune.fill(creuse.get_attribute("value"))
    page.get_by_label("Salariés (ETP)").fill("2")
    page.get_by_label("Structure de l'ESS ?").select_option(label="Oui")
    # DSFR draws the box on the label, which takes the click, as it does a person's.
    page.locator("label").filter(has_text="Baisse ou perte d'un financement public").click()
    expect(page.get_by_label("Baisse ou perte d'un financement public")).to_be_checked()
    page.get_by_role("button", name="Voir les aides").click()

    # The answers are in the address, so the simulation can be shared or bookmarked.
    expect(page).to_have_url(re.compile(r"commune=Aubusson\+%2823008%29"))
    expect(commune).to_have_value("Aubusson (23008)")
    expect(page.get_by_label("Baisse ou perte d'un financement public")).to_be_checked()
    for key in SECTIONS:
        expect(section_heading(page, key)).to_be_visible()
        # Each section's badge counts the aids listed in it.
        count = section_count(page, key)
        assert count > 0, f"section « {SECTIONS[key]} » vide"
        expect(section_aids(page, key)).to_have_count(count)

    eligible = section_aids(page, "eligible")
    expect(eligible.filter(has_text=DLA)).to_have_count(1)
    # Schemes made for a funding cut first, with why; aids open to all folded after them.
    expect(eligible.first).to_have_text(re.compile("DLA restructuration|Prêt relais solidaire"))
    expect(page.locator(".aidess-relevance").first).to_contain_text("Prévue pour votre situation")
    folded = page.get_by_role("button", name=re.compile(r"^Autres aides ouvertes à tous \(\d+\)"))
    expect(folded.first).to_have_attribute("aria-expanded", "false")
    expect(section_aids(page, "to_confirm").filter(has_text=DLA)).to_have_count(0)
    expect(section_aids(page, "near").filter(has_text=DLA)).to_have_count(0)
    # A scheme of the Hauts-de-France only is a near miss from the Creuse.
    near = section_aids(page, "near").filter(has_text="Cellule de veille ESS des Hauts-de-France")
    expect(near).to_have_count(1)

    # The accordion opens on the reasons, one per criterion, in plain French.
    dla = eligible.filter(has_text=DLA)
    expect(dla).to_have_attribute("aria-expanded", "false")
    details = page.locator(f"#{dla.get_attribute('aria-controls')}")
    expect(details).not_to_be_visible()
    dla.click()
    expect(dla).to_have_attribute("aria-expanded", "true")
    expect(details).to_be_visible()
    criteria = details.locator("li.aidess-criterion")
    expect(criteria).to_have_text(
        [
            "Rempli Votre structure est bien une structure de l'ESS.",
            "Rempli Votre structure est employeuse.",
            "Rempli Dispositif ouvert sur toute la France.",
        ]
    )
    expect(details.get_by_role("link", name="Voir la fiche de l'aide")).to_be_visible()

    near.click()
    reasons = page.locator(f"#{near.get_attribute('aria-controls')} li.aidess-criterion")
    expect(reasons.filter(has_text="Non rempli")).to_have_text(
        [
            "Non rempli Votre siège est hors du territoire du dispositif ; il faudrait être "
            "implanté sur son territoire."
        ]
    )
