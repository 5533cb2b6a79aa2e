from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "aidess.diagnosis"
    verbose_name = "Autodiagnostic"

    def ready(self):
        from aidess.diagnosis import audit  # noqa: F401 - opts the models in the history of changes
