from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "aidess.pathways"
    verbose_name = "Parcours DLA"

    def ready(self):
        from aidess.pathways import audit  # noqa: F401 - opts the models in the history
