"""The catalog: seed schemes (aids) and their criteria (eligibility), hence in the app above both."""

from django.core.management import call_command

from aidess.aids.seeding import load_seed_aids
from aidess.eligibility.seeding import load_seed_criteria
from aidess.history.commands import RecordedCommand


class Command(RecordedCommand):
    help = (
        "Charge les dispositifs nationaux et leurs critères (données versionnées), puis l'export "
        "Aides-territoires. Idempotent."
    )

    def handle(self, *args, **options):
        version, slugs = load_seed_aids()
        load_seed_criteria()
        self.stdout.write(f"Dispositifs nationaux (version {version}) : {', '.join(slugs)}.")
        call_command("import_aides_territoires", stdout=self.stdout)
