from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "aidess.notifications"
    verbose_name = "Notifications et webhooks"

    def ready(self):
        from aidess.notifications import audit, signals  # noqa: F401 - history, listeners
