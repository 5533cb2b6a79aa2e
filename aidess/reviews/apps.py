from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "aidess.reviews"
    verbose_name = "Bilans d'impact"

    def ready(self):
        from aidess.reviews import audit  # noqa: F401 - history
