"""The commune field of every form: one component, wherever a commune is asked for."""

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe


class CommuneInput(forms.TextInput):
    """A text box whose suggestions (« Aubusson (23008) ») come from the server as one types.

    HTMX asks `territories:commune_suggestions` with the box's value and fills a <datalist>: the
    browser draws the list, the keyboard and screen readers know it (a combobox), no script of
    ours. The form field turns the text back into a commune (territories.search.resolve).
    """

    template_name = "territories/commune_input.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "maxlength": 120, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["suggestions_url"] = reverse("territories:commune_suggestions")
        context["list_id"] = f"{name}-options"
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The page templates' engine: django-dsfr's form renderer looks in app directories only.
        context = self.get_context(name, value, attrs)
        return mark_safe(render_to_string(self.template_name, context))  # the template escapes
