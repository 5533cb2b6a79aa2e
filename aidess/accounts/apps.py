from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "aidess.accounts"
