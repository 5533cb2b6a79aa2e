"""The Aubusson theatre's member asks for help from the structure's page: ticking needs shows at
once who will receive the request and why, adds an organisation, sends; at 1280 and 375 px,
without layout problem or axe violation."""

import pytest
from playwright.sync_api import expect

from aidess.diagnosis.models import SharingConsent
from aidess.orientation.models import HelpRequest
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.factories import UserFactory
from tests.orientation.conftest import aubusson_theatre, support_network

pytestmark = pytest.mark.browser
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}  # DSFR's burger on a phone


def seen(page, tmp_path, name, viewport):
    screenshot(page, tmp_path / f"{name}-{viewport}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    return [f"{name} : {problem}" for problem in problems + axe_violations(page)]


def tick(page, label):
    """A DSFR checkbox is ticked by clicking its label (drawn over the hidden input)."""
    page.locator("label.fr-label", has_text=label).first.click()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_theatre_sees_who_will_receive_its_request_then_sends_it(page, viewport, tmp_path):
    support_network()
    theatre = aubusson_theatre()
    lucie = UserFactory(first_name="Lucie", last_name="Roux")
    theatre.memberships.create(user=lucie, is_admin=True)
    page.set_viewport_size(VIEWPORTS[viewport])
    problems = []
    sign_in(page, lucie)
    page.goto(f"/structures/{theatre.pk}/")
    page.get_by_role("link", name="Demander de l'aide à un accompagnateur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Demander de l'aide à un accompagnateur"
    )
    tick(page, "Accompagnement, conseil")
    chosen = page.locator("#selected-recipients")
    expect(chosen).to_contain_text("DLA de la Creuse : intervient dans le département Creuse")
    expect(chosen).to_contain_text("DLA régional Nouvelle-Aquitaine")
    tick(page, "Litige ou retard de paiement")
    expect(chosen).to_contain_text("Médiateur des entreprises")
    tick(page, "Ajouter Guid'Asso")
    page.get_by_label("Votre situation, en quelques mots").fill(
        "La mairie a réduit sa subvention et un festival ne nous a pas payés."
    )
    tick(page, "Partager mon autodiagnostic et mes plans de trésorerie")
    page.get_by_label("Nom de la personne à contacter").fill("Lucie Roux")
    problems += seen(page, tmp_path, "request-form", viewport)
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_text("Votre demande est envoyée.")).to_be_visible()
    expect(page.locator("#request-status")).to_have_text("En attente de prise en charge")
    expect(page.get_by_role("button", name="Retirer le partage")).to_be_visible()
    problems += seen(page, tmp_path, "request-detail", viewport)
    help_request = HelpRequest.objects.get()
    assert sorted(r.organization.name for r in help_request.recipients.all()) == [
        "DLA de la Creuse",
        "DLA régional Nouvelle-Aquitaine",
        "Guid'Asso",
        "Médiateur des entreprises",
    ]
    assert SharingConsent.objects.filter(structure=theatre, revoked_at=None).count() == 4
    assert not problems, "\n".join(problems)
