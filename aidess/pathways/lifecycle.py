"""A pathway's status: active → completed (when its fifth step ends, `progress.complete_step`)
or abandoned (the DLA stops it, with a reason). Each change is a `TransitionLog`."""

from aidess.lifecycles.machine import Lifecycle, Transition
from aidess.pathways.enums import PathwayStatus as S
from aidess.pathways.permissions import can_change_pathway

PATHWAY_LIFECYCLE = Lifecycle(
    S,
    [
        Transition(
            "complete",
            "Terminer le parcours",
            {S.ACTIVE},
            S.COMPLETED,
            can_change_pathway,
            offered=False,  # through progress.complete_step on the fifth step
        ),
        Transition(
            "abandon",
            "Interrompre le parcours",
            {S.ACTIVE},
            S.ABANDONED,
            can_change_pathway,
            comment="Motif de l'interruption",
        ),
    ],
)
