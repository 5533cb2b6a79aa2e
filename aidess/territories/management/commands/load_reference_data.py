"""Territories (COG) and INSEE nomenclatures: the reference data, loaded together from here."""

from aidess.history.commands import RecordedCommand
from aidess.nomenclatures.loading import load_nomenclatures
from aidess.territories.loading import load_territories


class Command(RecordedCommand):
    help = "Charge (ou met à jour) les territoires du COG et les nomenclatures INSEE. Idempotent."

    def handle(self, *args, **options):
        counts = {**load_territories(), **load_nomenclatures()}
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Données de référence à jour : {summary}."))
