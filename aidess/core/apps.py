from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "aidess.core"
