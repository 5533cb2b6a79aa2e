"""Pathways on other apps' pages: the request card's panel, the structure's request page and the
dashboard's section (`{% pathways_home_section %}`)."""

from django import template

from aidess.pathways.enums import STEP_ORDER, PathwayStatus
from aidess.pathways.permissions import can_start_pathway, pathways_visible_to
from aidess.structures.permissions import member_structures

register = template.Library()


@register.simple_tag(takes_context=True)
def pathway_of_recipient(context, recipient):
    """{"pathway": the pathway born of `recipient` (if the user sees it), "can_start": bool}."""
    user = context["request"].user
    if recipient is None or recipient.pk is None:
        return {"pathway": None, "can_start": False}
    pathway = pathways_visible_to(user).filter(recipient=recipient).first()
    return {
        "pathway": pathway,
        "can_start": pathway is None and can_start_pathway(user, recipient),
    }


@register.simple_tag(takes_context=True)
def pathways_of_request(context, help_request):
    user = context["request"].user
    return list(
        pathways_visible_to(user)
        .filter(recipient__request=help_request)
        .select_related("organization")
    )


@register.inclusion_tag("pathways/_home_section.html", takes_context=True)
def pathways_home_section(context):
    """The advisor's pathways by step; a structure member's « Mon parcours DLA » links."""
    user = context["request"].user
    visible = pathways_visible_to(user).select_related("structure", "organization")
    own = (
        set(member_structures(user).values_list("pk", flat=True))
        if user.is_authenticated
        else set()
    )
    mine = [p for p in visible if p.structure_id in own]
    followed = [p for p in visible if p.structure_id not in own]
    active = [p for p in followed if p.status == PathwayStatus.ACTIVE]
    by_step = [(step, [p for p in active if p.current_step == step]) for step in STEP_ORDER]
    return {
        "mine": mine,
        "followed_count": len(followed),
        "by_step": [(step, pathways) for step, pathways in by_step if pathways],
        "ended_count": len(followed) - len(active),
    }
