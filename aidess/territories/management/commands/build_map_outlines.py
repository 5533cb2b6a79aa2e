"""Build `data/geo/departements.json` and `data/geo/regions.json` from the GeoJSON outlines.

A build step, run by a developer when the outlines change (not at deployment): the JSON it writes
is committed, and the application never reads GeoJSON. See `data/geo/PROVENANCE.md`.
"""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aidess.territories import outlines

DATA = Path(__file__).resolve().parents[2] / "data"
SOURCES = {
    "mainland_departments": "departements-version-simplifiee.geojson",
    "mainland_regions": "regions-version-simplifiee.geojson",
    "all_departments": "departements-avec-outre-mer.geojson",
}


class Command(BaseCommand):
    help = "Calcule les contours SVG des départements et régions (data/geo/) depuis les GeoJSON."

    def add_arguments(self, parser):
        parser.add_argument("source", help="dossier des fichiers GeoJSON (reference/geo/)")
        parser.add_argument("--tolerance", type=float, default=0.6, help="en unités SVG")
        parser.add_argument("--output", type=Path, default=DATA / "geo", help="dossier écrit")

    def handle(self, *args, source, tolerance, output, **options):
        features = {key: self.read(Path(source) / name) for key, name in SOURCES.items()}
        overseas = {code: features["all_departments"][code] for code in outlines.OVERSEAS}
        levels = {
            "departements": (features["mainland_departments"], self.names("departements.csv")),
            "regions": (features["mainland_regions"], self.names("regions.csv")),
        }
        for name, (mainland, names) in levels.items():
            drawing = outlines.build(mainland, overseas, names, tolerance=tolerance)
            missing = set(names) - set(drawing["areas"])
            if missing:
                raise CommandError(f"Contours manquants ({name}) : {', '.join(sorted(missing))}")
            target = output / f"{name}.json"
            target.write_text(json.dumps(drawing, ensure_ascii=False, separators=(",", ":")))
            size = target.stat().st_size // 1024
            self.stdout.write(f"{target.name} : {len(drawing['areas'])} contours, {size} Ko")

    def read(self, path):
        try:
            collection = json.loads(path.read_text())
        except OSError as error:
            raise CommandError(f"Fichier illisible : {path} ({error.strerror})") from error
        return {f["properties"]["code"]: f["geometry"] for f in collection["features"]}

    def names(self, filename):
        with (DATA / filename).open(newline="", encoding="utf-8") as file:
            return {row["code"]: row["nom"] for row in csv.DictReader(file)}
