from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "aidess.notifications"
    verbose_name = "Notifications et webhooks"
