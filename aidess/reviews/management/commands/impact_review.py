import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aidess.aids.models import Aid
from aidess.plans.models import EmergencyPlan
from aidess.reviews import files
from aidess.reviews.report import report
from aidess.reviews.review import as_json, review

FORMATS = ("json", "xlsx", "pdf")


def day(value, label):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        raise CommandError(f"{label} « {value} » : date attendue au format AAAA-MM-JJ.") from None


class Command(BaseCommand):
    help = (
        "Bilan d'impact d'une aide ou d'un plan d'urgence : structures aidées, ETP préservés, "
        "montants, par secteur et par région."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--aid", help="identifiant (slug) de l'aide")
        which.add_argument("--plan", type=int, help="identifiant (numéro) du plan d'urgence")
        parser.add_argument("--format", default="json", help="json, xlsx ou pdf")
        parser.add_argument("--output", help="fichier à écrire (xlsx, pdf)")
        parser.add_argument("--from", dest="start", help="décisions à partir du (AAAA-MM-JJ)")
        parser.add_argument("--to", dest="end", help="décisions jusqu'au (AAAA-MM-JJ)")

    def handle(self, *args, aid, plan, format, output, start, end, **options):
        if format not in FORMATS:
            raise CommandError(f"Format « {format} » inconnu : json, xlsx ou pdf.")
        if format != "json" and not output:
            raise CommandError(f"Le format {format} demande un fichier : --output CHEMIN.")
        found = {"aid": None, "plan": None}
        if aid is not None:
            found["aid"] = Aid.objects.filter(slug=aid).first()
            if found["aid"] is None:
                raise CommandError(f"Aucune aide d'identifiant « {aid} ».")
        else:
            found["plan"] = EmergencyPlan.objects.filter(pk=plan).first()
            if found["plan"] is None:
                raise CommandError(f"Aucun plan d'urgence n° {plan}.")
        start, end = day(start, "--from"), day(end, "--to")
        if start and end and start > end:
            raise CommandError("La date de début (--from) est après la date de fin (--to).")
        if format == "json":
            result = as_json(review(**found, start=start, end=end))
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        result = report(**found, start=start, end=end)
        content = files.xlsx(result) if format == "xlsx" else files.pdf(result)
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Écriture impossible de {output} : {error}") from None
        self.stdout.write(f"Bilan écrit dans {output}.")
