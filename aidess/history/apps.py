from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "aidess.history"
    verbose_name = "Historique des modifications"

    def ready(self):
        from aidess.history import jobs  # noqa: F401 - background jobs record their origin
