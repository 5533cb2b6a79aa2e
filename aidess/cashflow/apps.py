from django.apps import AppConfig


class CashflowConfig(AppConfig):
    name = "aidess.cashflow"
    verbose_name = "Plans de trésorerie"

    def ready(self):
        from aidess.cashflow import audit  # noqa: F401 - opts the models in the history of changes
