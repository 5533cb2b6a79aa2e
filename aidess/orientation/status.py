"""A request's state from its recipients': a plain function of their states."""

from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.enums import RequestStatus


def derived_status(confirmed, recipient_states):
    """Taken as soon as one recipient takes care of it; waiting while one still may; once all
    are closed, the best outcome wins (help proposed, then no help, then unreachable); a
    request every recipient declined has no recipient left (to route again)."""
    if not confirmed:
        return RequestStatus.UNCONFIRMED
    states = set(recipient_states)
    if R.TAKING_CARE in states:
        return RequestStatus.TAKEN
    if R.WAITING in states:
        return RequestStatus.WAITING
    for state, outcome in (
        (R.HELP_PROPOSED, RequestStatus.HELP_PROPOSED),
        (R.NO_HELP, RequestStatus.NO_HELP),
        (R.UNREACHABLE, RequestStatus.UNREACHABLE),
    ):
        if state in states:
            return outcome
    return RequestStatus.UNROUTED
