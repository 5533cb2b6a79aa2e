"""`{% watch_home_section %}`: the watch agent's block on the dashboard (new alerts, escalated,
followed structures, with links to the lists behind them); nothing for anyone else."""

from django import template

from aidess.organizations.models import OrganizationMembership
from aidess.watch.enums import AlertStatus
from aidess.watch.models import Follow
from aidess.watch.permissions import alerts_visible_to, cells_of, is_national_agent
from aidess.watch.views import ESCALATED_TAB

register = template.Library()


@register.inclusion_tag("watch/_home_section.html", takes_context=True)
def watch_home_section(context):
    user = context["request"].user
    cells = list(cells_of(user))
    if not cells:
        return {"show": False}
    alerts = alerts_visible_to(user)
    return {
        "show": True,
        "cells": cells,
        "new_count": alerts.filter(status=AlertStatus.NEW).count(),
        "escalated_count": alerts.filter(status=AlertStatus.ESCALATED).count(),
        "followed_count": Follow.objects.filter(cell__in=cells, ended_at__isnull=True).count(),
        "is_national": is_national_agent(user),
        "escalated_tab": ESCALATED_TAB,
        "expires_on": OrganizationMembership.objects.filter(
            user=user, organization__in=cells, is_active=True, expires_on__isnull=False
        )
        .order_by("expires_on")
        .values_list("expires_on", flat=True)
        .first(),
    }
