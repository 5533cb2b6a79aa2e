from django.apps import AppConfig
from django.conf import global_settings, settings
from django.forms.renderers import get_default_renderer
from dsfr.forms import DsfrBaseForm, DsfrDjangoTemplates


class CoreConfig(AppConfig):
    name = "aidess.core"

    def ready(self):
        share_dsfr_form_renderer()


def share_dsfr_form_renderer():
    """One form renderer per process for django-dsfr's forms. Its `DsfrBaseForm.default_renderer`
    gives the renderer's class, so every form built a template engine of its own and compiled
    its field templates again, on every request (7 ms of the search page). Setting
    FORM_RENDERER instead would render the admin's forms with django-dsfr's templates."""
    if settings.FORM_RENDERER == global_settings.FORM_RENDERER:
        DsfrBaseForm.default_renderer = DsfrDjangoTemplates()
    else:  # what django-dsfr does when the project chooses its renderer
        DsfrBaseForm.default_renderer = get_default_renderer()
