from django.apps import AppConfig


class AidsConfig(AppConfig):
    name = "aidess.aids"
    verbose_name = "Catalogue des aides"
