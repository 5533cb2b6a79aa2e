from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "aidess.orientation"
    verbose_name = "Orientation vers les accompagnateurs"

    def ready(self):
        from aidess.orientation import audit, signals  # noqa: F401 - history, e-mails
