from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "aidess.watch"
    verbose_name = "Cellules de veille"

    def ready(self):
        from aidess.watch import audit, signals  # noqa: F401 - history, risk refreshes
