from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "aidess.eligibility"
    verbose_name = "Éligibilité"
