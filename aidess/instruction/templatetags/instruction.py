"""`{% load instruction %}`: an application's state as a DSFR badge."""

from django import template
from django.utils.html import format_html

from aidess.applications.enums import ApplicationStatus as S

register = template.Library()

BADGES = {
    S.DRAFT: "",
    S.SUBMITTED: "fr-badge--new",
    S.INSTRUCTION: "fr-badge--info",
    S.CORRECTION: "fr-badge--warning",
    S.ACCEPTED: "fr-badge--success",
    S.REFUSED: "fr-badge--error",
    S.CLOSED: "",
    S.WITHDRAWN: "",
}


@register.simple_tag
def status_badge(status, small=True):
    size = " fr-badge--sm" if small else ""
    return format_html(
        '<p class="fr-badge fr-badge--no-icon{} {}">{}</p>',
        size,
        BADGES.get(status, ""),
        S(status).label,
    )
