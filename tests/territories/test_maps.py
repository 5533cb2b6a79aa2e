"""Choropleth maps (territories/maps.py) and the demonstration page /territoires/carte/."""

import csv
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from aidess.territories import maps
from aidess.territories.models import Commune
from tests.demo_roles import ROLES, Demo
from tests.factories import StructureFactory
from tests.html import Page

SVG = "{http://www.w3.org/2000/svg}"
DATA = maps.GEO.parent
OVERSEAS = {"971", "972", "973", "974", "976"}
OVERSEAS_REGIONS = {"01", "02", "03", "04", "06"}


def codes_of(filename):
    with (DATA / filename).open(encoding="utf-8") as file:
        return {row["code"] for row in csv.DictReader(file)}


def link(code):
    return f"/aides/?department={code}"


def parse(svg):
    return ET.fromstring(str(svg))


def areas_of(root):
    """{code: (element holding the area, its path)}: a link, or a group when it has no value."""
    found = {}
    for holder in root.iter():
        path = holder.find(f"{SVG}path")
        if holder.tag in (f"{SVG}a", f"{SVG}g") and path is not None and path.get("data-code"):
            found[path.get("data-code")] = (holder, path)
    return found


@pytest.mark.parametrize(
    ("level", "filename", "count"),
    [("department", "departements.csv", 101), ("region", "regions.csv", 18)],
)
def test_every_area_of_the_cog_has_an_outline(level, filename, count):
    areas = maps.outlines(level)["areas"]

    assert set(areas) == codes_of(filename)
    assert len(areas) == count
    assert all(area["d"].startswith("M") and area["name"] for area in areas.values())


def test_outline_files_stay_small():
    for filename in maps.FILES.values():
        assert (maps.GEO / filename).stat().st_size < 150_000


def test_department_map_links_and_titles_every_area_with_a_value():
    values = {code: i for i, code in enumerate(sorted(maps.outlines("department")["areas"]))}
    values.pop("23")  # the Creuse has no figure

    root = parse(maps.choropleth("department", values, link=link, title="Essai"))
    areas = areas_of(root)

    assert root.get("aria-labelledby") == "carte-department-titre"
    assert root.find(f"{SVG}title").text == "Essai"
    assert len(areas) == 101
    for code in values:
        holder, _path = areas[code]
        assert holder.tag == f"{SVG}a"
        assert holder.get("href") == f"/aides/?department={code}"
        assert holder.find(f"{SVG}title").text.endswith(f" : {values[code]}")
    creuse, creuse_path = areas["23"]
    assert creuse.tag == f"{SVG}g"
    assert creuse.find(f"{SVG}title").text == "Creuse : aucune donnée"
    assert creuse_path.get("fill") == maps.NO_VALUE


def test_colours_follow_the_classes():
    values = {"59": 1, "62": 2, "80": 3, "02": 4, "60": 5, "75": 10}
    scale = maps.Scale.of(values.values(), breaks=[1, 2, 3, 4])

    areas = areas_of(parse(maps.choropleth("department", values, link=link, scale=scale)))

    fills = {code: areas[code][1].get("fill") for code in values}
    assert fills == {
        "59": maps.PALETTE[0],
        "62": maps.PALETTE[1],
        "80": maps.PALETTE[2],
        "02": maps.PALETTE[3],
        "60": maps.PALETTE[4],
        "75": maps.PALETTE[4],
    }
    assert [text for _colour, text in scale.legend()] == [
        "jusqu'à 1",
        "plus de 1 à 2",
        "plus de 2 à 3",
        "plus de 3 à 4",
        "plus de 4",
    ]


def test_default_classes_are_quintiles_and_few_values_use_few_classes():
    assert maps.Scale.of(range(1, 101)).breaks == (21, 41, 61, 81)
    two = maps.Scale.of([5, 5, 9])
    assert two.breaks == (5,)
    assert two.colours == (maps.PALETTE[0], maps.PALETTE[-1])


def test_every_outline_contrasts_with_its_fill():
    values = {"59": 1, "62": 2, "80": 3, "02": 4, "60": 5}
    areas = areas_of(parse(maps.choropleth("department", values, scale=[1, 2, 3, 4])))

    for _holder, path in areas.values():
        assert maps.contrast(path.get("fill"), path.get("stroke")) >= 3


def test_overseas_are_drawn_in_insets():
    for level, codes in (("department", OVERSEAS), ("region", OVERSEAS_REGIONS)):
        drawing = maps.outlines(level)
        assert {inset["code"] for inset in drawing["insets"]} == codes
        root = parse(maps.choropleth(level, dict.fromkeys(codes, 1)))
        inset_names = {text.text for text in root.iter(f"{SVG}text")}
        assert {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"} <= inset_names
        for inset in drawing["insets"]:  # every point of the outline inside its box
            left, top, width, height = inset["box"]
            for x, y in points_of(drawing["areas"][inset["code"]]["d"]):
                assert left <= x <= left + width and top <= y <= top + height


def points_of(d):
    """The absolute points of path data written as "Mx yl dx dy dx dy…z" rings."""
    for ring in d.split("M")[1:]:
        start, moves = ring.rstrip("z").split("l")
        x, y = (float(v) for v in start.split())
        yield x, y
        steps = [float(v) for v in moves.split()]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            yield x, y


def test_labels_and_links_are_escaped():
    svg = maps.choropleth(
        "region",
        {"32": 3},
        link=lambda code: f"/aides/?region={code}&x=<b>",
        label=lambda code, value: f"Hauts-de-France <{value}> & co",
    )

    holder, _path = areas_of(parse(svg))["32"]
    assert holder.get("href") == "/aides/?region=32&x=<b>"
    assert holder.find(f"{SVG}title").text == "Hauts-de-France <3> & co"


def test_table_has_every_area_with_the_map_figures():
    table = maps.figures_table("department", {"59": 1250, "62": None}, link, value_label="N")

    rows = {row["code"]: row for row in table["rows"]}
    assert len(rows) == 101
    assert rows["59"]["display"] == "1\u202f250"
    assert rows["59"]["url"] == "/aides/?department=59"
    assert rows["62"]["display"] == "aucune donnée"
    assert rows["62"]["url"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_map_page_only_for_watch_agents_and_administrators(role, client, login):
    demo = Demo()
    if role != "anonymous":
        login(demo[role])

    response = client.get(reverse("core:territory_map"))

    if role == "anonymous":
        assert response.status_code == 302
    elif role in {"watch_regional_75", "watch_national", "admin"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.django_db
def test_map_page_counts_structures_per_department_and_region(client, login):
    demo = Demo()  # Paris (75, region 11) and Aubusson (23, region 75)
    StructureFactory.create_batch(2, commune=Commune.objects.get(code="23008"))
    StructureFactory()  # Lille, 59, region 32
    login(demo["admin"])

    page = Page(client.get(reverse("core:territory_map")).content.decode())

    assert 'href="/aides/?department=23" class="aidess-map__area"><title>Creuse : 3 structures' in (
        page.html
    )
    assert 'href="/aides/?region=75" class="aidess-map__area"><title>Nouvelle-Aquitaine : 3' in (
        page.html
    )
    assert "Nord : 1 structure de l&#x27;ESS" in page.html
    assert page.html.count("<tbody>") == 2
    assert page.html.count('<th scope="row">') == 101 + 18
    assert '<a href="/aides/?department=59">Nord</a>' in page.html


@pytest.mark.django_db
def test_a_regional_agent_counts_only_its_zone(client, login):
    demo = Demo()
    StructureFactory()  # Lille (region 32), outside Nouvelle-Aquitaine
    login(demo["watch_regional_75"])

    html = client.get(reverse("core:territory_map")).content.decode()

    assert "Creuse : 1 structure" in html
    assert "Nord : aucune donnée" in html
