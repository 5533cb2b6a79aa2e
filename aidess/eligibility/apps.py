from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "aidess.eligibility"
    verbose_name = "Éligibilité"

    def ready(self):
        from aidess.aids.extensions import attach_aid_form
        from aidess.eligibility import audit  # noqa: F401 - opts the criteria in history
        from aidess.eligibility.forms import criteria_form_for

        attach_aid_form("criteria_form", criteria_form_for)
