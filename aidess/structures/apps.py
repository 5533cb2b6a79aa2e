from django.apps import AppConfig


class StructuresConfig(AppConfig):
    name = "aidess.structures"

    def ready(self):
        from aidess.structures import audit  # noqa: F401 - opts the models in the history of changes
