"""What every page's layout needs and no view should have to pass (works without a request,
so the 500 page can use it too)."""

from django import template

register = template.Library()

SKIPLINKS = [
    {"link": "#content", "label": "Contenu"},
    {"link": "#fr-navigation", "label": "Menu"},
    {"link": "#footer", "label": "Pied de page"},
]


@register.simple_tag
def skiplink_items():
    """The items of django-dsfr's `dsfr_skiplinks` (a template cannot write a list)."""
    return SKIPLINKS
