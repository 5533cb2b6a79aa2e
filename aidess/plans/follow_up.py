"""Following a plan's structures: each change of a line goes through `FOLLOW_UP_LIFECYCLE`
(one `TransitionLog` with its author and comment); the changes that carry data (needs, the
measure that helped) write it in the same transaction. A line changes only while its plan is
active: a closed plan's follow-up is its record (reopening the plan reopens it)."""

from django.db import transaction

from aidess.applications.enums import ApplicationStatus
from aidess.lifecycles.machine import TransitionRefused
from aidess.plans.enums import PlanStatus
from aidess.plans.lifecycle import FOLLOW_UP_LIFECYCLE
from aidess.plans.models import PlanTarget

PLAN_NOT_ACTIVE = "Le suivi ne change que pendant que le plan est activé."
NOT_A_MEASURE = "Choisissez une aide ou un accompagnement que le plan mobilise."
# The states from which a line may still be helped (`help`'s sources).
OPEN_STATES = FOLLOW_UP_LIFECYCLE.transitions["help"].sources


def check_plan_active(target):
    if target.plan.status != PlanStatus.ACTIVE:
        raise TransitionRefused(PLAN_NOT_ACTIVE, 409)


def apply(target, name, user, comment=""):
    """A plain change of the line (contact, unreachable, decline with its reason)."""
    check_plan_active(target)
    return FOLLOW_UP_LIFECYCLE.apply(target, name, user, comment)


@transaction.atomic
def identify_needs(target, user, needs):
    """The needs the structure told, kept on the line and as the change's comment."""
    check_plan_active(target)
    log = FOLLOW_UP_LIFECYCLE.apply(target, "identify_needs", user, needs)
    target.needs = needs.strip()
    target.save(update_fields=["needs", "updated_at"])
    return log


@transaction.atomic
def record_help(target, user, aid=None, offer=None, comment=""):
    """The structure was helped with one of the plan's measures (an aid or a support offer)."""
    check_plan_active(target)
    plan = target.plan
    is_measure = (aid is None) != (offer is None) and (
        plan.aids.filter(pk=aid.pk).exists()
        if aid is not None
        else plan.support_offers.filter(pk=offer.pk).exists()
    )
    if not is_measure:
        raise TransitionRefused(NOT_A_MEASURE, 400)
    measure = f"Aide : {aid.name}" if aid else f"Accompagnement : {offer.scheme.name}"
    text = f"{measure}. {comment.strip()}" if comment.strip() else f"{measure}."
    log = FOLLOW_UP_LIFECYCLE.apply(target, "help", user, text)
    target.helped_with_aid, target.helped_with_offer = aid, offer
    target.save(update_fields=["helped_with_aid", "helped_with_offer", "updated_at"])
    return log


def help_from_decision(application):
    """An accepted application for an aid of active plans helps the structure's open lines of
    those plans (no actor: the platform records the instructor's decision)."""
    if application.status != ApplicationStatus.ACCEPTED:
        return []
    lines = PlanTarget.objects.select_related("plan").filter(
        structure_id=application.structure_id,
        status__in=OPEN_STATES,
        plan__status=PlanStatus.ACTIVE,
        plan__aids=application.aid_id,
    )
    reference = application.reference or f"n° {application.pk}"
    comment = f"Demande {reference} acceptée."
    return [record_help(line, None, aid=application.aid, comment=comment) for line in lines]
