"""Issue 15, done when: a regional agent goes from a partner's imported spreadsheet to a
triaged, oriented and escalated alert; the national agent goes from the map of its dashboard to
that structure. (The risk rules are tested case by case in tests/watch/test_risk_rules.py.)"""

import re

import pytest
from playwright.sync_api import expect

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.watch.enums import AlertCause, AlertSource, AlertStatus
from aidess.watch.models import Alert
from tests.browser.sign_in import sign_in
from tests.factories import OrganizationFactory, StructureFactory
from tests.watch.intake_helpers import agent, csv_bytes, regional_membership, structure_in_bordeaux

pytestmark = pytest.mark.browser
HEADERS = ["SIRET", "Cause", "Montant en jeu (€)", "Emplois menacés (ETP)", "Urgence"]


def test_from_a_partner_file_to_an_escalated_alert_then_from_the_map_to_the_structure(page):
    regional = regional_membership()
    national = agent()
    bordeaux = structure_in_bordeaux()
    dla = OrganizationFactory(
        name="DLA de la Gironde", kind=OrganizationKind.SUPPORT, scope_level=ScopeLevel.DEPARTMENTAL
    )
    dla.departments.set(["33"])
    content = csv_bytes(
        [HEADERS, [bordeaux.siret, "Baisse ou arrêt d'un financement de l'État", "45 000", "3", ""]]
    )

    # The regional agent imports the partner's file and opens the structure from the report.
    sign_in(page, regional.user)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name="Fichiers des partenaires (signalements, indicateurs)").click()
    page.get_by_role("link", name="Importer des signalements").click()
    page.get_by_label("Partenaire qui a envoyé le fichier").fill("France Active")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(
        {"name": "signalements.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Importer le fichier").click()
    expect(page.locator("#summary")).to_contain_text("1 ligne créée")
    page.get_by_role("link", name="voir la structure de la ligne 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ressourcerie de Bordeaux")

    # Triage: qualified, oriented to the Gironde's DLA, escalated to the national cell.
    page.get_by_role("button", name="Qualifier").click()
    expect(page.get_by_text("Signalement qualifié.")).to_be_visible()
    page.locator("label", has_text="DLA de la Gironde").click()
    page.get_by_role("button", name="Orienter").click()
    expect(page.get_by_text("DLA de la Gironde : En attente de prise en charge")).to_be_visible()
    page.get_by_label("Motif de la remontée").select_option(label="Au-delà des moyens régionaux")
    page.get_by_label("Précisions").fill("Besoin d'un prêt relais national.")
    page.get_by_role("button", name="Remonter à la cellule nationale").click()
    expect(page.get_by_text("Signalement remonté à la cellule nationale.")).to_be_visible()

    # The national agent: from the map of its dashboard to the structure.
    page.context.clear_cookies()
    sign_in(page, national.user)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name="Tableau de bord et carte").click()
    area = page.locator("svg.aidess-map a.aidess-map__area", has_text="Nouvelle-Aquitaine")
    expect(area).to_have_count(1)
    area.click()
    expect(page).to_have_url(re.compile(r"/veille/\?region=75$"))
    page.get_by_role("link", name="Ressourcerie de Bordeaux").click()
    expect(page).to_have_url(re.compile(rf"/veille/structures/{bordeaux.pk}/"))
    expect(page.get_by_text("Remontée à la cellule nationale").first).to_be_visible()

    # On a phone the dashboard stays as wide as the screen (its tables scroll in their frame),
    # with every cause and month filled.
    for number, cause in enumerate(AlertCause.values):
        Alert.objects.create(
            structure=StructureFactory(commune=bordeaux.commune),
            cell=regional.organization,
            cause=cause,
            source=AlertSource.CELL,
            amount_at_stake_eur=1000 * (number + 1),
            jobs_at_risk_fte=number,
        )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/veille/tableau-de-bord/?region=75")
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    alert = Alert.objects.get(source=AlertSource.SPREADSHEET)
    assert alert.status == AlertStatus.ESCALATED
    assert [r.organization for r in alert.help_requests.get().recipients.all()] == [dla]
