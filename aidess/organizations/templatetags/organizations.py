from django import template

from aidess.organizations.permissions import administered_organizations

register = template.Library()


@register.simple_tag
def organizations_administered_by(user):
    """For the dashboard: the organisations whose page (API tokens) the user may open."""
    return administered_organizations(user).order_by("name")
