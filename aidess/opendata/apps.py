from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "aidess.opendata"
    verbose_name = "Données ouvertes"
