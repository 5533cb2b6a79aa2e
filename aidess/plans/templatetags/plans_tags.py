"""Plans on other apps' pages: the dashboard's section (`{% plans_home_section %}`: a watch
agent's or a plan partner's plans, with links) and a structure's invitations
(`{% plans_structure_invitations structure %}`: the active plans inviting it, for its members;
without a structure, on the home page, those of all the user's structures)."""

from django import template
from django.db.models import Count, Q

from aidess.plans.enums import FollowUpStatus, PlanStatus
from aidess.plans.invitations import invitation_path
from aidess.plans.models import PlanTarget
from aidess.plans.permissions import can_create_plan, plans_followed_by, targets_visible_to
from aidess.structures.permissions import member_structures
from aidess.watch.permissions import is_watch_agent

register = template.Library()
SHOWN = 10


@register.inclusion_tag("plans/_home_section.html", takes_context=True)
def plans_home_section(context):
    user = context["request"].user
    plans = list(
        plans_followed_by(user)
        .exclude(status=PlanStatus.CLOSED)
        .select_related("cell")
        .order_by("-starts_on", "name")[: SHOWN + 1]
    )
    for plan in plans:
        plan.counts = targets_visible_to(user, plan).aggregate(
            targeted=Count("pk"), helped=Count("pk", filter=Q(status=FollowUpStatus.HELPED))
        )
    return {
        "show": bool(plans) or (user.is_authenticated and is_watch_agent(user)),
        "plans": plans[:SHOWN],
        "more": len(plans) > SHOWN,
        "can_create": user.is_authenticated and can_create_plan(user),
    }


@register.inclusion_tag("plans/_structure_invitations.html", takes_context=True)
def plans_structure_invitations(context, structure=None):
    """The active plans inviting `structure`, or, on the home page (no structure), every
    structure the user is a member of."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"invitations": []}
    structures = member_structures(user)
    if structure is not None:
        structures = structures.filter(pk=structure.pk)
    lines = PlanTarget.objects.filter(
        structure__in=structures, plan__status=PlanStatus.ACTIVE
    ).select_related("plan", "structure")
    return {
        "invitations": [
            {
                "plan": line.plan,
                "structure": line.structure,
                "url": invitation_path(line.pk),
                "opened": line.opened_at,
            }
            for line in lines.order_by("-invited_at")
        ],
        "name_structures": structure is None,
    }
