"""The structures map (/territoires/carte/) as an administrator sees it at 1280 and 375 px: the SVG
fits the screen, the figures are in a 101-row table, the keyboard reaches the areas (or skips
them), and a click leads to the list behind the figure."""

import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from aidess.territories.models import Commune
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.browser
IGNORED_LAYOUT = {"texte de bouton coupé : « Menu »"}  # base.html's burger on a phone
SHOTS = os.environ.get("AIDESS_SCREENSHOTS")  # a folder: keep the screenshots to look at


def test_an_administrator_reads_the_map_and_its_table_and_follows_an_area(page, live_server):
    StructureFactory.create_batch(3)  # Lille, Nord (59)
    StructureFactory(commune=Commune.objects.get(code="23008"))  # Aubusson, Creuse (23)
    sign_in(page, UserFactory(admin=True))
    page.goto(reverse("core:territory_map"))

    department_map = page.locator("svg.aidess-map").first
    for size_name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        box = department_map.bounding_box()
        assert box["width"] >= min(640, size["width"] - 48), size_name  # readable, not a stamp
        assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], size_name
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], size_name
        found = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
        assert found + axe_violations(page) == [], size_name
        if SHOTS:
            screenshot(page, f"{SHOTS}/map-{size_name}.png")

    page.set_viewport_size(VIEWPORTS["desktop"])
    page.get_by_role("button", name="Les chiffres en tableau").first.click()
    table = page.locator("#carte-department-tableau table")
    expect(table.locator("tbody tr")).to_have_count(101)
    expect(table.locator("tbody tr", has_text="Nord")).to_contain_text("3")
    expect(table.get_by_role("link", name="Creuse")).to_have_attribute(
        "href", "/aides/?department=23"
    )

    page.goto(reverse("core:territory_map"))
    for _ in range(80):  # header links first, then the first map's areas
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('svg.aidess-map')"):
            break
    focused = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert focused.endswith("structure de l'ESS") or focused.endswith("structures de l'ESS")
    if SHOTS:
        screenshot(page, f"{SHOTS}/map-focus.png")

    page.get_by_role("link", name="Passer la carte : aller aux chiffres en tableau").first.press(
        "Enter"
    )
    page.keyboard.press("Tab")  # past the 101 areas, straight to the table
    expect(page.get_by_role("button", name="Les chiffres en tableau").first).to_be_focused()

    page.locator('svg.aidess-map a[href="/aides/?department=59"]').click()
    expect(page).to_have_url(re.compile(r"/aides/\?department=59$"))
    expect(page.get_by_label("Département")).to_have_value("59")
