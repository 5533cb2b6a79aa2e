"""An advisor of the DLA de la Creuse in the browser: the request of a theatre company of
Aubusson is on its home, its card opens, the advisor takes it then closes it with help proposed.
At 375 px nothing on the home or the card is wider than the screen (the home's table scrolls
inside its frame). Screenshots land in tmp_path."""

import pytest
from playwright.sync_api import expect

from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.enums import RequestStatus
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.orientation.handling_factories import days_ago, help_request, network, send

pytestmark = pytest.mark.browser

# base.html's header: on a phone DSFR draws its menu button as the burger icon (see test_inbox).
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}


def problems_of(page, tmp_path, name):
    screenshot(page, tmp_path / f"{name}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    return [f"{name} : {p}" for p in problems + axe_violations(page)]


def test_an_advisor_takes_a_request_and_closes_it_with_help_proposed(page, tmp_path):
    world = network()
    request = help_request(
        world.structure,
        sent=days_ago(1),
        needs=["advice", "cash"],
        contact_name="Léa Fontaine",
        situation="La compagnie perd la subvention de la ville et doit revoir son modèle.",
    )
    recipient = send(request, world.dla, world.france_active)[0]
    page.set_viewport_size(VIEWPORTS["mobile"])
    sign_in(page, world.advisor)

    page.goto("/accompagnement/")
    expect(page.get_by_role("link", name="À prendre 1")).to_be_visible()
    problems = problems_of(page, tmp_path, "accueil")
    page.get_by_role("link", name="Compagnie des Lucioles").click()

    expect(page.get_by_role("heading", name="Compagnie des Lucioles")).to_be_visible()
    expect(page.get_by_text("La compagnie perd la subvention")).to_be_visible()
    problems += problems_of(page, tmp_path, "fiche")
    page.get_by_role("button", name="Prendre en charge").click()

    expect(page.get_by_text("Vous avez pris en charge la demande")).to_be_visible()
    page.get_by_label("Aide proposée").fill("Diagnostic partagé puis accompagnement collectif.")
    page.get_by_role("button", name="Clôturer : aide proposée").click()

    expect(page.get_by_text("La demande est clôturée : aide proposée.")).to_be_visible()
    expect(page.get_by_text("Diagnostic partagé puis accompagnement collectif.")).to_be_visible()
    problems += problems_of(page, tmp_path, "fiche-cloturee")
    recipient.refresh_from_db()
    request.refresh_from_db()
    assert recipient.status == R.HELP_PROPOSED and recipient.advisor == world.advisor
    assert request.status == RequestStatus.WAITING  # France Active has not answered yet

    page.goto("/accompagnement/?tab=cloturees")
    expect(page.get_by_role("link", name="Clôturées 1")).to_be_visible()
    assert not problems, "\n".join(problems)
