from aidess.history.commands import RecordedCommand
from aidess.reviews.commands import run_import
from aidess.reviews.imports import import_structures


class Command(RecordedCommand):
    help = (
        "Importe ou met à jour des structures par SIRET (CSV : siret,nom,code_commune,"
        "categorie_juridique,secteur,etp,budget_annuel)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        run_import(self, path, import_structures)
