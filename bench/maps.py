"""Rendering time of the department choropleth (`python -m bench maps [--renders 50]`).

Measured: `territories.maps.choropleth` for the 101 departments, each with a value and a link
(outlines read once per process, as in the server). Baseline in the same run: the same map when
the outlines come from the original GeoJSON at each render (read, parse, project, simplify: what
`build_map_outlines` does once). Goal: median and p95 ≤ 30 ms. No database: Django is not set up.
"""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from aidess.territories import maps, outlines
from aidess.territories.management.commands.build_map_outlines import SOURCES

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 30.0


def values(rng):
    codes = maps.outlines("department")["areas"]
    return {code: rng.randint(0, 5000) for code in codes}


def link(code):
    return f"/aides/?department={code}"


def label(code, value):
    return f"{maps.area_name('department', code)} : {maps.number(value)} structures"


def render_from_geojson(source, figures):
    """The baseline: outlines from GeoJSON at every render, then the same SVG writing."""
    features = {}
    for key, name in SOURCES.items():
        if key != "mainland_regions":
            collection = json.loads((source / name).read_text())
            features[key] = {f["properties"]["code"]: f["geometry"] for f in collection["features"]}
    names = {code: area["name"] for code, area in maps.outlines("department")["areas"].items()}
    overseas = {code: features["all_departments"][code] for code in outlines.OVERSEAS}
    drawing = outlines.build(features["mainland_departments"], overseas, names)
    original, maps.outlines = maps.outlines, lambda level: drawing
    try:
        return maps.choropleth("department", figures, link=link, label=label)
    finally:
        maps.outlines = original


def timings(render, count):
    measured = []
    for _ in range(count):
        start = time.perf_counter()
        render()
        measured.append((time.perf_counter() - start) * 1000)
    return measured


def summary(name, measured):
    ordered = sorted(measured)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    print(f"{name:<34} médiane {median:8.2f} ms   p95 {p95:8.2f} ms   ({len(ordered)} rendus)")
    return median, p95


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench maps", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--baseline-renders", type=int, default=10)
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared/reference/geo")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    figures = values(rng)

    svg = maps.choropleth("department", figures, link=link, label=label)  # warm-up, reads outlines
    print(f"Carte des 101 départements : SVG de {len(svg) // 1024} Ko")
    median, p95 = summary(
        "choropleth (contours précalculés)",
        timings(
            lambda: maps.choropleth("department", figures, link=link, label=label), args.renders
        ),
    )
    if args.source.exists():
        base_median, _ = summary(
            "référence : GeoJSON à chaque rendu",
            timings(lambda: render_from_geojson(args.source, figures), args.baseline_renders),
        )
        print(f"rapport référence / choropleth (médianes) : × {base_median / median:.0f}")
    else:
        print(f"référence non mesurée : {args.source} introuvable (--source)")
    verdict = "atteint" if p95 <= GOAL_MS else "MANQUÉ"
    print(f"objectif p95 ≤ {GOAL_MS:.0f} ms : {verdict}")


if __name__ == "__main__":
    main()
