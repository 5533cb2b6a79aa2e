from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "aidess.organizations"
