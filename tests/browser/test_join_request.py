"""A second person asks to join a registered structure, its administrator approves on the
members page, the newcomer then opens the structure, at 1280 and 375 px, with screenshots and
without layout problem or axe violation."""

import pytest
from playwright.sync_api import expect

from aidess.structures.enums import JoinStatus
from aidess.structures.models import JoinRequest, StructureMembership
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.browser

SIRET = "80032984900023"
# base.html's header: on a phone DSFR draws its menu button as the burger icon (see test_form_pages).
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}


def seen(page, tmp_path, name, viewport):
    screenshot(page, tmp_path / f"{name}-{viewport}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    return [f"{name} : {problem}" for problem in problems + axe_violations(page)]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_second_person_joins_once_the_administrator_approves(page, viewport, tmp_path):
    marie = UserFactory(first_name="Marie", last_name="Dupont")
    structure = StructureFactory(siret=SIRET, name="Théâtre Stéphane Gildas", member=marie)
    sacha = UserFactory(first_name="Sacha", last_name="Bernard")
    page.set_viewport_size(VIEWPORTS[viewport])
    problems = []

    # Sacha registers the theatre again: AidESS offers to join it.
    sign_in(page, sacha)
    page.goto("/structures/nouvelle/")
    page.get_by_label("SIRET").fill("800 329 849 00023")
    page.get_by_label("Nom", exact=True).fill("Théâtre Gildas")
    page.get_by_role("button", name="Enregistrer", exact=True).last.click()
    expect(page.get_by_text("déjà inscrite sur AidESS sous le nom « Théâtre Stéphane Gildas »"))
    problems += seen(page, tmp_path, "siret-registered", viewport)
    page.get_by_role("link", name="Demander à rejoindre cette structure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rejoindre « Théâtre Stéphane Gildas »"
    )
    page.get_by_label("Message aux administrateurs").fill("Je suis le nouveau trésorier.")
    problems += seen(page, tmp_path, "join", viewport)
    page.get_by_role("button", name="Demander à rejoindre cette structure").click()
    expect(page.get_by_text("Votre demande attend la réponse des administrateurs")).to_be_visible()
    problems += seen(page, tmp_path, "join-sent", viewport)

    # Marie finds the request on her dashboard and approves it on the members page.
    page.context.clear_cookies()
    sign_in(page, marie)
    page.goto("/tableau-de-bord/")
    expect(page.get_by_text("Sacha Bernard demande à rejoindre")).to_be_visible()
    page.get_by_role("link", name="Accepter ou refuser").click()
    expect(page.get_by_text("Je suis le nouveau trésorier.")).to_be_visible()
    problems += seen(page, tmp_path, "members-pending", viewport)
    page.get_by_role("button", name="Accepter la demande de Sacha Bernard").click()
    expect(page.get_by_text("Sacha Bernard fait désormais partie de la structure.")).to_be_visible()
    expect(page.get_by_role("heading", name="Membres actifs (2)")).to_be_visible()
    problems += seen(page, tmp_path, "members-approved", viewport)

    # Sacha now opens the structure from the dashboard.
    page.context.clear_cookies()
    sign_in(page, sacha)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name="Théâtre Stéphane Gildas").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Théâtre Stéphane Gildas")
    problems += seen(page, tmp_path, "newcomer-structure", viewport)

    assert JoinRequest.objects.get().status == JoinStatus.APPROVED
    assert StructureMembership.objects.get(user=sacha, structure=structure).is_active
    print(f"screenshots: {tmp_path}")
    assert not problems, "\n".join(problems)
