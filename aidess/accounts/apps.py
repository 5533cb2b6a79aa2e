from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "aidess.accounts"

    def ready(self):
        from aidess.accounts import audit  # noqa: F401 - opts the models in the history of changes
