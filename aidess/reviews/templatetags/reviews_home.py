"""The dashboard's link card to the reviews (`{% reviews_home_section %}`): watch agents and
providers of aids with decisions open the reviews; members of a helped structure testify."""

from django import template

from aidess.applications.enums import ApplicationStatus
from aidess.reviews.permissions import can_open_reviews, can_write_testimony
from aidess.structures.permissions import member_structures

register = template.Library()


@register.inclusion_tag("reviews/_home_section.html", takes_context=True)
def reviews_home_section(context):
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    helped = member_structures(user).filter(applications__status=ApplicationStatus.ACCEPTED)
    return {
        "show_reviews": can_open_reviews(user),
        "testimony_structures": list(helped.distinct().order_by("name")[:4]),
    }


@register.inclusion_tag("reviews/_structure_link.html", takes_context=True)
def reviews_structure_testimonies(context, structure):
    """On a structure's page: its testimonies, for those who may write one, once it was helped."""
    user = context["request"].user
    show = structure.applications.filter(
        status=ApplicationStatus.ACCEPTED
    ).exists() and can_write_testimony(user, structure)
    return {"show": show, "structure": structure}
