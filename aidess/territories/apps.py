from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "aidess.territories"
