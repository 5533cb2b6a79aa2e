from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "aidess.watch"
    verbose_name = "Cellules de veille"
