from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Home page, dashboard and navigation: the pages that gather every app, so on top of them."""

    name = "aidess.dashboard"
    verbose_name = "Tableau de bord"
