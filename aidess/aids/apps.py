from django.apps import AppConfig


class AidsConfig(AppConfig):
    name = "aidess.aids"
    verbose_name = "Catalogue des aides"

    def ready(self):
        from aidess.aids import (  # noqa: F401 - connects the signal receivers, opts in history
            audit,
            receivers,
        )
