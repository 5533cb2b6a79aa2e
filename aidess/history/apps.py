from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "aidess.history"
    verbose_name = "Historique des modifications"
