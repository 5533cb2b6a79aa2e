from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "aidess.diagnosis"
    verbose_name = "Autodiagnostic"
