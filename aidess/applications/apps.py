from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "aidess.applications"
    verbose_name = "Dossiers de demande"

    def ready(self):
        from aidess.applications import audit  # noqa: F401 - opts the models in the history
