from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "aidess.funding"
    verbose_name = "Financement : modalités, décisions, versements"

    def ready(self):
        from aidess.funding import audit  # noqa: F401 - opts the aid's questions in the history
