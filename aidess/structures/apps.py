from django.apps import AppConfig


class StructuresConfig(AppConfig):
    name = "aidess.structures"
