"""A recipient's handling of a request (Dora's orientation statuses): waiting → taking care →
help proposed / no help possible / unreachable; "not for us" with a reason (and, through
`handling.decline`, a redirection to another organisation). Each change is a `TransitionLog`;
`handling.py` applies them and keeps the request's derived status and dates."""

from aidess.lifecycles.machine import Lifecycle, Transition
from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.permissions import can_handle

ORIENTATION_LIFECYCLE = Lifecycle(
    R,
    [
        Transition("take", "Prendre en charge", {R.WAITING}, R.TAKING_CARE, can_handle),
        Transition(
            "propose_help",
            "Clôturer : aide proposée",
            {R.TAKING_CARE},
            R.HELP_PROPOSED,
            can_handle,
            comment="Aide proposée",
        ),
        Transition(
            "no_help",
            "Clôturer : pas d'aide possible",
            {R.TAKING_CARE},
            R.NO_HELP,
            can_handle,
            comment="Pourquoi aucune aide n'est possible",
        ),
        Transition(
            "unreachable",
            "Structure injoignable",
            {R.WAITING, R.TAKING_CARE},
            R.UNREACHABLE,
            can_handle,
            comment="Tentatives de contact",
        ),
        Transition(
            "decline",
            "Pas pour nous",
            {R.WAITING, R.TAKING_CARE},
            R.NOT_FOR_ME,
            can_handle,
            comment="Motif",
            offered=False,  # through handling.decline, which may redirect
        ),
    ],
)
