"""The DLA de la Creuse advisor runs the Compagnie des Lucioles' pathway through its five steps;
the structure's leader validates the shared diagnosis in between. At 1280 and 375 px, with
screenshots, layout and axe checks, and the stepper and tables kept within a phone's width."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from aidess.pathways.enums import PathwayStatus
from aidess.pathways.models import Effect, Pathway
from aidess.territories.models import Commune
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.factories import OrganizationMembershipFactory, StructureFactory, UserFactory
from tests.pathways.helpers import taken_request

pytestmark = pytest.mark.browser

IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}  # DSFR's burger on a phone
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WIDTHS = """() => {
  const width = document.documentElement.clientWidth;
  const right = (selector) => Math.max(0, ...[...document.querySelectorAll(selector)]
      .map((el) => el.getBoundingClientRect().right));
  return {width, page: document.documentElement.scrollWidth, stepper: right('.fr-stepper'),
          tables: right('.fr-table')};
}"""


def seen(page, tmp_path, name, viewport):
    screenshot(page, tmp_path / f"{name}-{viewport}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    widths = page.evaluate(WIDTHS)
    for part in ("page", "stepper", "tables"):
        if widths[part] > widths["width"] + 1:
            problems.append(f"{part} plus large que l'écran : {widths}")
    return [f"{name} : {problem}" for problem in problems + axe_violations(page)]


def complete(page, step_title, notes):
    form = page.locator("#step-form")
    form.get_by_label("Ce qui a été fait").fill(notes)
    form.get_by_role("button", name=f"Terminer l'étape « {step_title} »").click()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_advisor_runs_a_pathway_the_structure_validates_its_diagnosis(page, viewport, tmp_path):
    advisor = OrganizationMembershipFactory(
        organization__name="DLA de la Creuse",
        user__first_name="Camille",
        user__last_name="Martin",
        departments=["23"],
    ).user
    leader = UserFactory(first_name="Inès", last_name="Roche")
    structure = StructureFactory(
        name="Compagnie des Lucioles", commune=Commune.objects.get(code="23008"), member=leader
    )
    structure.memberships.filter(user=leader).update(is_admin=True)
    recipient = taken_request(
        structure, advisor.organization_memberships.get().organization, advisor
    )
    page.set_viewport_size(VIEWPORTS[viewport])
    problems = []

    # The advisor opens the pathway from the card of the request she took.
    sign_in(page, advisor)
    page.goto(reverse("orientation:advisor_card", args=[recipient.pk]))
    page.get_by_role("link", name="Démarrer le parcours DLA").click()
    page.get_by_text("Individuel").click()
    problems += seen(page, tmp_path, "start", viewport)
    page.get_by_role("button", name="Démarrer le parcours DLA").click()
    expect(page.get_by_text("Étape 1 sur 5")).to_be_visible()
    form = page.locator("#document-form")
    form.get_by_label("Titre").fill("Compte rendu d'accueil")
    form.get_by_label("Fichier").set_input_files(
        {"name": "accueil.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    form.get_by_role("button", name="Ajouter le document").click()
    expect(page.get_by_role("link", name="Compte rendu d'accueil")).to_be_visible()
    complete(page, "Accueil", "Rencontre avec la présidente et le trésorier.")
    expect(page.get_by_text("Étape 2 sur 5")).to_be_visible()

    form = page.locator("#diagnosis-form")
    form.get_by_label("Points forts").fill("Public fidèle, équipe bénévole engagée.")
    form.get_by_label("Conclusions et priorités").fill("Revoir le modèle économique.")
    form.get_by_role("button", name="Soumettre le diagnostic à la structure").click()
    expect(page.get_by_text("À valider par la structure")).to_be_visible()
    problems += seen(page, tmp_path, "diagnosis-submitted", viewport)

    # The structure's leader finds its pathway and validates the diagnosis.
    page.context.clear_cookies()
    sign_in(page, leader)
    page.goto(f"/parcours/structure/{structure.pk}/")
    page.get_by_role("link", name="Parcours avec DLA de la Creuse").click()
    expect(page.get_by_text("Revoir le modèle économique.")).to_be_visible()
    problems += seen(page, tmp_path, "structure-validates", viewport)
    page.get_by_role("button", name="Valider le diagnostic partagé").click()
    expect(page.get_by_text("Vous avez validé le diagnostic partagé")).to_be_visible()

    # The advisor builds the pathway, coordinates it and records its effects.
    page.context.clear_cookies()
    sign_in(page, advisor)
    page.goto("/parcours/")
    page.get_by_role("link", name="Compagnie des Lucioles").click()
    expect(page.get_by_text("Validé par la structure")).to_be_visible()
    complete(page, "Diagnostic partagé", "Diagnostic validé par la présidente.")
    expect(page.get_by_text("Étape 3 sur 5")).to_be_visible()
    form = page.locator("#area-form")
    form.get_by_label("Axe de progrès").fill("Consolider le modèle économique")
    form.get_by_role("button", name="Ajouter l'axe").click()
    form = page.locator("#action-form")
    form.get_by_label("Axe de progrès").select_option(label="Consolider le modèle économique")
    form.get_by_label("Action", exact=True).fill("Accompagnement stratégique")
    form.get_by_label("Porteur").select_option("consultant")
    form.get_by_label("Acteur ou prestataire").fill("Coop Conseil")
    form.get_by_label("Budget (€)").fill("4 500")
    form.get_by_label("Début").fill(f"{timezone.localdate():%Y-%m-%d}")
    form.get_by_role("button", name="Ajouter l'action").click()
    expect(page.locator("#actions-table").get_by_text("Coop Conseil")).to_be_visible()
    problems += seen(page, tmp_path, "plan", viewport)
    complete(page, "Construction du parcours", "Parcours partagé avec la structure.")
    expect(page.get_by_text("Étape 4 sur 5")).to_be_visible()
    complete(page, "Coordination du parcours", "Prestataire mobilisé, trois séances.")
    expect(page.get_by_text("Étape 5 sur 5")).to_be_visible()
    form = page.locator("#effect-form")
    form.get_by_label("Emplois consolidés (ETP)").fill("2,5")
    form.get_by_text("Trésorerie").click()  # DSFR draws the box on the label
    form.get_by_role("button", name="Enregistrer les effets").click()
    expect(page.locator("#effects-table").get_by_text("Trésorerie")).to_be_visible()
    complete(page, "Suivi et consolidation", "Bilan à six mois.")
    expect(page.get_by_text("Les 5 étapes sont terminées")).to_be_visible()
    problems += seen(page, tmp_path, "completed", viewport)
    page.goto(reverse("orientation:advisor_card", args=[recipient.pk]))
    page.get_by_role("link", name="Ouvrir le parcours DLA").click()
    expect(page.get_by_text("Les 5 étapes sont terminées")).to_be_visible()

    pathway = Pathway.objects.get()
    assert pathway.status == PathwayStatus.COMPLETED
    assert all(step.completed_on for step in pathway.steps.all())
    assert pathway.diagnosis.validated_by == leader
    assert str(Effect.objects.get().jobs_consolidated) == "2.5"
    print(f"screenshots: {tmp_path}")
    assert not problems, "\n".join(problems)
