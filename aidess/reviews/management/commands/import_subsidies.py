from pathlib import Path

from aidess.history.commands import RecordedCommand
from aidess.reviews.commands import run_import
from aidess.reviews.imports import import_subsidies


class Command(RecordedCommand):
    help = "Importe des subventions accordées (CSV SCDL « Subventions » v2.1.1) comme décisions."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        run_import(self, path, import_subsidies, source=Path(path).name)
