from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "aidess.applications"
    verbose_name = "Dossiers de demande"
