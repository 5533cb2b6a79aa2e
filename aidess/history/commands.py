"""Management commands whose changes are recorded as coming from them."""

from django.core.management.base import BaseCommand

from aidess.history.context import Origin, recorded_as


class RecordedCommand(BaseCommand):
    """A command (`load_catalog`, imports, `load_demo`…): every change it makes is in the
    history with the origin « commande » and its name."""

    def execute(self, *args, **options):
        name = type(self).__module__.rsplit(".", 1)[-1]
        with recorded_as(Origin.COMMAND, name):
            return super().execute(*args, **options)
