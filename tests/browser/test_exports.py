"""The export page and « Mes exports » as an instructor sees them at 1280 and 375 px: choose ZIP,
land on « Mes exports » with the archive ready, download it; nothing wider than the screen,
axe-core without violations."""

import os
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from aidess.applications.enums import ApplicationStatus as S
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.factories import ApplicationFactory, StructureFactory, instructor

pytestmark = pytest.mark.browser
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}  # base.html's burger on a phone
SHOTS = os.environ.get("AIDESS_SCREENSHOTS")  # a folder: keep the screenshots to look at


def seen_at_both_sizes(page, name):
    problems = []
    for size_name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        found = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
        found += axe_violations(page)
        problems += [f"{size_name} : {problem}" for problem in found]
        if SHOTS:
            screenshot(page, f"{SHOTS}/{name}-{size_name}.png")
    return problems


def test_an_instructor_exports_a_zip_and_downloads_it_from_my_exports(page, live_server):
    first = ApplicationFactory(
        reference="2026-000201",
        status=S.ACCEPTED,
        amount_granted_eur=Decimal("8000"),
        decided_at=timezone.now(),
        structure=StructureFactory(name="Ressourcerie du Val de Lys"),
    )
    agent = instructor(first)
    second = ApplicationFactory(reference="2026-000202", aid=first.aid)
    other = ApplicationFactory(reference="2026-000999")
    sign_in(page, agent)

    page.goto(f"{reverse('instruction:export')}?ids={first.pk},{second.pk},{other.pk}")
    expect(page.get_by_text("2 demandes sélectionnées")).to_be_visible()
    expect(page.get_by_text("1 demande ignorée : hors de votre périmètre.")).to_be_visible()
    assert seen_at_both_sizes(page, "export") == []

    page.set_viewport_size(VIEWPORTS["desktop"])
    page.get_by_text("Dossiers et pièces jointes (ZIP, préparé en arrière-plan)").click()
    expect(
        page.get_by_label("Dossiers et pièces jointes (ZIP, préparé en arrière-plan)")
    ).to_be_checked()
    page.get_by_role("button", name="Exporter").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('instruction:my_exports')}")
    expect(page.get_by_text("L'archive est en préparation")).to_be_visible()
    expect(page.locator("main li h2")).to_have_count(1)
    expect(page.locator("main li").get_by_text("Prêt")).to_be_visible()
    expect(page.get_by_text("1 ignorée (hors de votre périmètre)", exact=False)).to_be_visible()
    assert seen_at_both_sizes(page, "mes-exports") == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger").click()
    archive = zipfile.ZipFile(download.value.path())
    folders = {name.split("/")[0] for name in archive.namelist()}
    assert folders == {"2026-000201", "2026-000202"}
