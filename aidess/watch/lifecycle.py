"""An alert's triage (issue 15): new → qualified → in handling (oriented through the
orientation of issue 14) → resolved (saved, restructured, ceased activity, no action needed);
escalated to the national cell with a reason, answered by it with national resources (back in
handling). Transitions that carry data (orient, resolve, escalate, answer) are not bare buttons:
`triage.py` applies them with their fields."""

from aidess.lifecycles.machine import Lifecycle, Transition
from aidess.watch.enums import AlertStatus as S
from aidess.watch.permissions import can_triage, is_cell_member

OPEN_BEFORE_ESCALATION = {S.NEW, S.QUALIFIED, S.IN_HANDLING}

ALERT_LIFECYCLE = Lifecycle(
    S,
    [
        Transition("qualify", "Qualifier", {S.NEW}, S.QUALIFIED, is_cell_member),
        Transition(
            "orient",
            "Orienter",
            {S.NEW, S.QUALIFIED},
            S.IN_HANDLING,
            is_cell_member,
            offered=False,
        ),
        Transition(
            "resolve",
            "Clore",
            OPEN_BEFORE_ESCALATION,
            S.RESOLVED,
            is_cell_member,
            comment="Ce qui a été fait",
            offered=False,
        ),
        Transition(
            "escalate",
            "Remonter à la cellule nationale",
            OPEN_BEFORE_ESCALATION,
            S.ESCALATED,
            is_cell_member,
            comment="Motif de la remontée",
            offered=False,
        ),
        Transition(
            "answer",
            "Répondre (moyens nationaux)",
            {S.ESCALATED},
            S.IN_HANDLING,
            can_triage,
            comment="Réponse de la cellule nationale",
            offered=False,
        ),
        Transition(
            "reopen",
            "Rouvrir",
            {S.RESOLVED},
            S.QUALIFIED,
            is_cell_member,
            comment="Motif de la réouverture",
        ),
    ],
)
