"""The build step of the map outlines (territories/outlines.py, `build_map_outlines`)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from aidess.territories import maps, outlines

GEO_SOURCES = Path(settings.BASE_DIR).parent / "shared" / "reference" / "geo"


def test_douglas_peucker_drops_points_near_the_line_and_keeps_corners():
    square = [(0, 0), (5, 0.2), (10, 0), (10, 5), (10, 10), (0, 10), (0, 0)]

    assert outlines.simplify(square, 0.5) == [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert outlines.simplify(square, 0.1) == [(0, 0), (5, 0.2), (10, 0), (10, 10), (0, 10), (0, 0)]


def test_lambert_projection_keeps_the_map_the_right_way_up():
    paris, marseille, brest, strasbourg = (
        outlines.lambert(2.35, 48.86),
        outlines.lambert(5.37, 43.30),
        outlines.lambert(-4.49, 48.39),
        outlines.lambert(7.75, 48.58),
    )

    assert paris[1] > marseille[1]  # north is up (before the SVG flips y)
    assert brest[0] < paris[0] < strasbourg[0]
    assert outlines.lambert(3, 46.5) == pytest.approx((0, 0), abs=1e-12)


def test_missing_sources_are_a_french_error(tmp_path):
    with pytest.raises(CommandError, match="Fichier illisible"):
        call_command("build_map_outlines", str(tmp_path), output=tmp_path)


def test_committed_outlines_are_what_the_command_builds(tmp_path):
    """The JSON in data/geo/ comes from the reference GeoJSON and nothing else (skipped outside
    CI when ../shared is absent, as the seed documents are)."""
    if not GEO_SOURCES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI : les contours sources sont requis ({GEO_SOURCES}).", pytrace=False)
        pytest.skip(f"contours sources absents ({GEO_SOURCES})")

    call_command("build_map_outlines", str(GEO_SOURCES), output=tmp_path)

    for filename in maps.FILES.values():
        assert (tmp_path / filename).read_text() == (maps.GEO / filename).read_text()
