from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "aidess.plans"
    verbose_name = "Plans d'urgence"

    def ready(self):
        from aidess.plans import audit, signals  # noqa: F401 - history, accepted applications
