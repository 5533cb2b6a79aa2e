"""A regional watch agent files an alert by form, qualifies it, orients it to the DLA de la
Creuse and escalates it; the national agent answers it with a national resource. At 1280 and
375 px: screenshots in tmp_path, layout and accessibility checked, and on a phone the home
list's table scrolls inside its frame while the page itself stays as wide as the screen."""

import re

import pytest
from playwright.sync_api import expect

from aidess.watch.enums import AlertStatus
from aidess.watch.models import Alert
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.demo_roles import Demo
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}  # DSFR's burger icon on a phone


def seen(page, tmp_path, name, viewport):
    screenshot(page, tmp_path / f"{name}-{viewport}.png")
    problems = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
    return [f"{name} : {problem}" for problem in problems + axe_violations(page)]


def page_fits_the_screen(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_regional_agent_files_triages_escalates_and_national_answers(page, viewport, tmp_path):
    demo = Demo()
    for role in ("watch_regional_75", "watch_national"):
        demo[role].set_password(PASSWORD)
        demo[role].save()
    page.set_viewport_size(VIEWPORTS[viewport])
    problems = []

    sign_in(page, demo["watch_regional_75"])
    page.goto("/veille/")
    page.get_by_role("link", name="Signaler une structure").click()
    page.get_by_label("Nom de la structure").fill("Ressourcerie d'Aubusson")
    page.get_by_label("Commune du siège").fill("Aubusson (23008)")
    page.get_by_label("Cause").select_option(label="Baisse ou arrêt d'un financement de l'État")
    page.get_by_label("Urgence").select_option(label="Forte (moins d'un mois)")
    page.get_by_label("Montant en jeu (€)").fill("45 000")
    page.get_by_label("Emplois menacés (ETP)").fill("4")
    page.get_by_label("Description de la situation").fill("Fin du poste FONJEP en juin.")
    problems += seen(page, tmp_path, "signaler", viewport)
    page.get_by_role("button", name="Enregistrer le signalement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ressourcerie d'Aubusson")
    expect(page.get_by_text("Signalement enregistré")).to_be_visible()
    alert = Alert.objects.get()

    page.get_by_role("button", name="Qualifier").click()
    expect(page.get_by_text("Signalement qualifié.")).to_be_visible()
    page.locator("label", has_text="DLA de la Creuse").click()  # as a person clicks it
    expect(page.get_by_label("DLA de la Creuse")).to_be_checked()
    page.get_by_label("Message aux organisations").fill("Restructuration à accompagner.")
    page.get_by_role("button", name="Orienter").click()
    expect(page.get_by_text("DLA de la Creuse : En attente de prise en charge")).to_be_visible()
    page.get_by_label("Motif de la remontée").select_option(label="Au-delà des moyens régionaux")
    page.get_by_label("Précisions").fill("Besoin d'un prêt relais national.")
    page.get_by_role("button", name="Remonter à la cellule nationale").click()
    expect(page.get_by_text("Signalement remonté à la cellule nationale.")).to_be_visible()
    problems += seen(page, tmp_path, "structure-regionale", viewport)

    page.goto("/veille/")
    expect(page.locator("#watch-table")).to_contain_text("Ressourcerie d'Aubusson")
    problems += seen(page, tmp_path, "accueil-regional", viewport)
    assert page_fits_the_screen(page)
    if viewport == "mobile":  # the 8 columns scroll inside the table's frame, not the page
        assert page.evaluate(
            """() => { const frame = document.querySelector('#watch-table .fr-table__content');
                       return frame.scrollWidth > frame.clientWidth; }"""
        )

    page.context.clear_cookies()
    sign_in(page, demo["watch_national"])
    page.goto("/veille/")
    page.get_by_role("link", name="Remontées à la cellule nationale").click()
    page.get_by_role("link", name="Ressourcerie d'Aubusson").click()
    expect(page).to_have_url(re.compile(rf"/veille/structures/{alert.structure_id}/"))
    page.locator("label", has_text="Prêt relais solidaire").click()
    page.get_by_label("Réponse de la cellule nationale").fill("Prêt relais de 30 000 €.")
    page.get_by_role("button", name="Répondre (moyens nationaux)").click()
    expect(page.get_by_text("Réponse de la cellule nationale enregistrée.")).to_be_visible()
    expect(page.locator(f"#alerte-{alert.pk}")).to_contain_text("En traitement")
    problems += seen(page, tmp_path, "structure-nationale", viewport)
    assert page_fits_the_screen(page)

    alert.refresh_from_db()
    assert alert.status == AlertStatus.IN_HANDLING
    assert alert.national_resources == ["pret-relais-solidaire"]
    assert not problems, "\n".join(problems)
