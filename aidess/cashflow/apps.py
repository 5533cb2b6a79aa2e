from django.apps import AppConfig


class CashflowConfig(AppConfig):
    name = "aidess.cashflow"
    verbose_name = "Plans de trésorerie"
