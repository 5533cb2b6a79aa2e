from django.core.management.base import BaseCommand
from django.utils import timezone

from aidess.aids.moderation import close_past_aids


class Command(BaseCommand):
    help = "Clôture les aides publiées dont la date de clôture est passée (à lancer chaque jour)."

    def handle(self, *args, **options):
        closed = close_past_aids(timezone.localdate())
        self.stdout.write(f"{closed} aide(s) clôturée(s).")
