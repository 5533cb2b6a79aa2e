"""A plan's status and a follow-up line's status, as state machines (every change logged)."""

from aidess.lifecycles.machine import Lifecycle, Transition
from aidess.plans.enums import FollowUpStatus as F
from aidess.plans.enums import PlanStatus as P
from aidess.plans.permissions import can_follow_up, can_manage_plan


def by_the_platform(user, plan):
    """Only the task queue (no actor) ends an activation."""
    return user is None


def follower_or_platform(user, target):
    """A line is helped by its followers, or by the platform when an application for one of
    the plan's aids is accepted (`signals.py`, no actor)."""
    return user is None or can_follow_up(user, target)


PLAN_LIFECYCLE = Lifecycle(
    P,
    [
        # `activation.activate` applies it and queues the outreach; the task then applies
        # `activated` (no actor) with the number of structures targeted.
        Transition(
            "activate", "Activer le plan", {P.DRAFT}, P.ACTIVATING, can_manage_plan, offered=False
        ),
        Transition(
            "activated",
            "Activation terminée",
            {P.ACTIVATING},
            P.ACTIVE,
            by_the_platform,
            offered=False,
        ),
        Transition(
            "close",
            "Clore le plan",
            {P.ACTIVE},
            P.CLOSED,
            can_manage_plan,
            comment="Bilan en quelques mots",
        ),
        Transition(
            "reopen",
            "Rouvrir le plan",
            {P.CLOSED},
            P.ACTIVE,
            can_manage_plan,
            comment="Motif de la réouverture",
        ),
    ],
)

FOLLOW_UP_LIFECYCLE = Lifecycle(
    F,
    [
        Transition(
            "contact",
            "Contactée",
            {F.INVITED, F.UNREACHABLE, F.DECLINED},
            F.CONTACTED,
            can_follow_up,
        ),
        Transition(
            "unreachable", "Injoignable", {F.INVITED, F.CONTACTED}, F.UNREACHABLE, can_follow_up
        ),
        # Lines that carry data: `follow_up.py` applies them with their fields.
        Transition(
            "identify_needs",
            "Besoins identifiés",
            {F.INVITED, F.CONTACTED},
            F.NEEDS_IDENTIFIED,
            can_follow_up,
            comment="Besoins",
            offered=False,
        ),
        Transition(
            "help",
            "Aidée",
            {F.INVITED, F.CONTACTED, F.NEEDS_IDENTIFIED},
            F.HELPED,
            follower_or_platform,
            offered=False,
        ),
        Transition(
            "decline",
            "A décliné",
            {F.INVITED, F.CONTACTED, F.NEEDS_IDENTIFIED},
            F.DECLINED,
            can_follow_up,
            comment="Motif",
        ),
    ],
)
