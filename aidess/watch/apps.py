from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "aidess.watch"
    verbose_name = "Cellules de veille"

    def ready(self):
        from aidess.watch import audit  # noqa: F401 - opts the models in the history
