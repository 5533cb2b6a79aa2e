from django.utils import timezone

from aidess.aids.moderation import close_past_aids
from aidess.history.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Clôture les aides publiées dont la date de clôture est passée (à lancer chaque jour)."

    def handle(self, *args, **options):
        closed = close_past_aids(timezone.localdate())
        self.stdout.write(f"{closed} aide(s) clôturée(s).")
