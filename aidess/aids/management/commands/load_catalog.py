from django.core.management import call_command
from django.core.management.base import BaseCommand

from aidess.aids.seeding import load_seed_aids


class Command(BaseCommand):
    help = "Charge les dispositifs nationaux (données versionnées) puis l'export Aides-territoires."

    def handle(self, *args, **options):
        version, slugs = load_seed_aids()
        self.stdout.write(f"Dispositifs nationaux (version {version}) : {', '.join(slugs)}.")
        call_command("import_aides_territoires", stdout=self.stdout)
