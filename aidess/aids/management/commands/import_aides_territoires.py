from pathlib import Path

from django.core.management.base import CommandError
from django.utils.text import capfirst

from aidess.aids.importers import RowError, import_aides_territoires
from aidess.history.commands import RecordedCommand

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "aides-territoires_periurbain.csv"


class Command(RecordedCommand):
    help = "Importe (ou met à jour) les aides d'un export CSV Aides-territoires."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, path, **options):
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Lecture impossible de {path} : {error}") from None
        try:
            report = import_aides_territoires(text)
        except RowError as error:
            raise CommandError(capfirst(str(error))) from None
        self.stdout.write(
            f"{report.imported} aides importées ({report.created} créées, {report.updated} mises "
            f"à jour, {report.unchanged} inchangées), dont {report.published} publiées."
        )
        for line, reason in report.errors:
            self.stdout.write(self.style.WARNING(f"Ligne {line} ignorée : {reason}."))
