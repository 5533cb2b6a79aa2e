"""Which organisations a request for help goes to, and the request's derived status."""

from django.utils import timezone

from aidess.orientation.enums import CLOSED_REQUEST_STATES
from aidess.orientation.status import derived_status


def refresh_status(help_request):
    """Store the status derived from the recipients (and when it closed)."""
    states = list(help_request.recipients.values_list("status", flat=True))
    status = derived_status(help_request.confirmed_at is not None, states)
    closed_at = help_request.closed_at
    closed_at = closed_at or timezone.now() if status in CLOSED_REQUEST_STATES else None
    if (status, closed_at) != (help_request.status, help_request.closed_at):
        help_request.status, help_request.closed_at = status, closed_at
        help_request.save(update_fields=["status", "closed_at", "updated_at"])
    return status
