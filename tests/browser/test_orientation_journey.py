"""Issue 14, done when: the Aubusson theatre association sends a request for help; the DLA de la
Creuse advisor finds it on their home page, takes it and runs the DLA pathway through its five
steps, the theatre's leader validating the shared diagnosis; the theatre sees its request taken
and its pathway. (Relaunches and escalation driven by the clock: tests/orientation/
test_relaunch.py; the data·inclusion exports validated: tests/opendata/test_data_inclusion.py.)"""

import pytest
from playwright.sync_api import expect

from aidess.orientation.enums import RequestStatus
from aidess.orientation.models import HelpRequest
from aidess.pathways.enums import PathwayStatus
from aidess.pathways.models import Pathway
from tests.browser.sign_in import sign_in
from tests.browser.test_dla_pathway import complete
from tests.browser.test_help_request import tick
from tests.factories import UserFactory
from tests.orientation.conftest import aubusson_theatre, support_network

pytestmark = pytest.mark.browser


def test_from_the_theatres_request_to_a_completed_dla_pathway(page):
    network = support_network()
    theatre = aubusson_theatre()
    leader = UserFactory(first_name="Inès", last_name="Roche")
    theatre.memberships.create(user=leader, is_admin=True)
    advisor = UserFactory(first_name="Camille", last_name="Martin")
    network["dla23"].organization.memberships.create(user=advisor)

    # The theatre asks for help and sees, before sending, who will receive it and why.
    sign_in(page, leader)
    page.goto(f"/structures/{theatre.pk}/")
    page.get_by_role("link", name="Demander de l'aide à un accompagnateur").click()
    tick(page, "Accompagnement, conseil")
    expect(page.locator("#selected-recipients")).to_contain_text("DLA de la Creuse")
    page.get_by_label("Votre situation, en quelques mots").fill(
        "La mairie a réduit sa subvention de moitié : la saison d'hiver est menacée."
    )
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator("#request-status")).to_have_text("En attente de prise en charge")

    # The advisor finds it from the home page and takes it.
    page.context.clear_cookies()
    sign_in(page, advisor)
    page.goto("/tableau-de-bord/")
    expect(page.get_by_role("link", name="À prendre : 1")).to_be_visible()
    page.get_by_role("link", name="Voir les demandes reçues").click()
    page.get_by_role("link", name="Compagnie des Lucioles").click()
    expect(page.get_by_text("la saison d'hiver est menacée")).to_be_visible()
    page.get_by_role("button", name="Prendre en charge").click()
    expect(page.get_by_text("Prise en charge").first).to_be_visible()

    # The five steps of the DLA pathway; the theatre's leader validates the diagnosis.
    page.get_by_role("link", name="Démarrer le parcours DLA").click()
    page.get_by_text("Individuel").click()
    page.get_by_role("button", name="Démarrer le parcours DLA").click()
    complete(page, "Accueil", "Rencontre avec la présidente.")
    form = page.locator("#diagnosis-form")
    form.get_by_label("Conclusions et priorités").fill("Diversifier les recettes.")
    form.get_by_role("button", name="Soumettre le diagnostic à la structure").click()

    page.context.clear_cookies()
    sign_in(page, leader)
    page.goto(f"/accompagnement/demandes/{HelpRequest.objects.get().pk}/")
    expect(page.locator("#request-status")).to_have_text("Prise en charge")
    page.get_by_role("link", name="Parcours avec DLA de la Creuse").first.click()
    page.get_by_role("button", name="Valider le diagnostic partagé").click()
    expect(page.get_by_text("Vous avez validé le diagnostic partagé")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, advisor)
    page.goto("/parcours/")
    page.get_by_role("link", name="Compagnie des Lucioles").click()
    complete(page, "Diagnostic partagé", "Validé par la présidente.")
    page.locator("#area-form").get_by_label("Axe de progrès").fill("Diversifier les recettes")
    page.locator("#area-form").get_by_role("button", name="Ajouter l'axe").click()
    form = page.locator("#action-form")
    form.get_by_label("Action", exact=True).fill("Mécénat local")
    form.get_by_label("Porteur").select_option("structure")
    form.get_by_role("button", name="Ajouter l'action").click()
    complete(page, "Construction du parcours", "Parcours partagé.")
    complete(page, "Coordination du parcours", "Mécènes rencontrés.")
    complete(page, "Suivi et consolidation", "Bilan à six mois.")
    expect(page.get_by_text("Les 5 étapes sont terminées")).to_be_visible()

    request = HelpRequest.objects.get()
    assert request.status == RequestStatus.TAKEN
    pathway = Pathway.objects.get()
    assert (pathway.structure, pathway.status) == (theatre, PathwayStatus.COMPLETED)
    assert pathway.diagnosis.validated_by == leader
