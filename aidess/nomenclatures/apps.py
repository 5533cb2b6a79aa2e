from django.apps import AppConfig


class NomenclaturesConfig(AppConfig):
    name = "aidess.nomenclatures"
