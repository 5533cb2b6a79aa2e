from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "aidess.organizations"

    def ready(self):
        from aidess.organizations import audit  # noqa: F401 - opts the models in the history of changes
