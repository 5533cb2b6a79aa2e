"""`{% load advisor_badges %}`: a recipient's state and a request's relaunches as DSFR badges."""

from django import template
from django.utils.html import format_html

from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.enums import Relaunch

register = template.Library()

STATUS_BADGES = {
    R.WAITING: "fr-badge--new",
    R.TAKING_CARE: "fr-badge--info",
    R.HELP_PROPOSED: "fr-badge--success",
    R.NO_HELP: "fr-badge--warning",
    R.UNREACHABLE: "fr-badge--warning",
    R.NOT_FOR_ME: "",
}
RELAUNCH_BADGES = {
    Relaunch.RECIPIENTS: ("fr-badge--warning", "Relancée"),
    Relaunch.MANAGERS: ("fr-badge--warning", "Relancée aux responsables"),
    Relaunch.WATCH_CELL: ("fr-badge--error", "Expirée : cellule de veille"),
}


@register.simple_tag
def recipient_badge(status):
    return format_html(
        '<p class="fr-badge fr-badge--sm fr-badge--no-icon {}">{}</p>',
        STATUS_BADGES.get(status, ""),
        R(status).label,
    )


@register.simple_tag
def relaunch_badge(level):
    """Nothing before the first relaunch."""
    if level not in RELAUNCH_BADGES:
        return ""
    css, label = RELAUNCH_BADGES[level]
    return format_html(
        '<p class="fr-badge fr-badge--sm fr-badge--no-icon {}" title="{}">{}</p>',
        css,
        Relaunch(level).label,
        label,
    )
