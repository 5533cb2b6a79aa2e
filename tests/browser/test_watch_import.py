"""A regional watch agent uploads a partner's spreadsheet and reads its row-by-row report: at
1280 and 375 px, screenshots in pytest's tmp_path for a person to look at."""

import pytest
from playwright.sync_api import expect

from aidess.watch.models import Alert
from tests.browser.seen import VIEWPORTS, screenshot
from tests.browser.sign_in import sign_in
from tests.browser.test_pages_as_seen import problems_seen
from tests.watch.intake_helpers import (
    PAU_SIRET,
    csv_bytes,
    regional_membership,
    structure_in_bordeaux,
)

pytestmark = pytest.mark.browser


def test_a_regional_agent_imports_a_spreadsheet_and_reads_the_report(page, tmp_path, sirene_api):
    membership = regional_membership()
    bordeaux = structure_in_bordeaux()
    content = csv_bytes(
        [
            [
                "SIRET",
                "Cause",
                "Montant en jeu (€)",
                "Emplois menacés (ETP)",
                "Urgence",
                "Identifiant partenaire",
            ],  # fmt: skip
            [
                bordeaux.siret,
                "Baisse ou arrêt d'un financement de l'État",
                "45 000",
                "3,5",
                "forte",
                "FA-1",
            ],  # fmt: skip
            [PAU_SIRET, "Dettes sociales ou fiscales", "", "", "immédiate", "FA-2"],
            ["44444444200017", "Perte d'activité", "", "", "", "FA-3"],
        ],
        encoding="cp1252",
    )
    sign_in(page, membership.user)

    page.goto("/veille/imports/")
    page.get_by_role("link", name="Importer des signalements").click()
    expect(page.get_by_role("heading", name="Importer un tableur de signalements")).to_be_visible()
    expect(page.get_by_text("Identifiant partenaire", exact=True)).to_be_visible()
    problems = problems_seen(page)
    for width, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        screenshot(page, tmp_path / f"import-form-{width}.png")
    page.get_by_label("Partenaire qui a envoyé le fichier").fill("France Active")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(
        {"name": "signalements-france-active.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Importer le fichier").click()

    expect(page.get_by_role("heading", name="Rapport d'import")).to_contain_text(
        "signalements-france-active.csv"
    )
    expect(page.locator("#summary")).to_have_text(
        "2 lignes créées, 0 inchangée (déjà importée), 1 refusée."
    )
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Créée")
    expect(rows.nth(1)).to_contain_text("CENTRE SOCIAL 'CAP DE TOUT'")
    expect(rows.nth(2)).to_contain_text("Refusée")
    expect(rows.nth(2)).to_contain_text("clé de contrôle incorrecte")
    problems += problems_seen(page)
    for width, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        screenshot(page, tmp_path / f"import-report-{width}.png")
    assert Alert.objects.filter(cell=membership.organization).count() == 2

    # the same file again: nothing more, said on the report
    page.goto("/veille/imports/signalements/")
    page.get_by_label("Partenaire qui a envoyé le fichier").fill("France Active")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(
        {"name": "signalements-france-active.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Importer le fichier").click()
    expect(page.locator("#summary")).to_have_text(
        "0 ligne créée, 2 inchangées (déjà importées), 1 refusée."
    )
    assert Alert.objects.count() == 2
    print(f"captures d'écran : {tmp_path}")
    assert not problems, "\n".join(problems)
