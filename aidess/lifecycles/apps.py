from django.apps import AppConfig


class LifecyclesConfig(AppConfig):
    name = "aidess.lifecycles"
    verbose_name = "Cycles de vie"
