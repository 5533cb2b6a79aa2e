"""Offers, requests and recipients in the history of changes."""

from aidess.history.registry import track
from aidess.orientation.models import HelpRequest, Recipient, SupportOffer

track(SupportOffer)
track(
    HelpRequest,
    structure=lambda request: request.structure_id,
    exclude=["confirmation_token", "satisfaction_token"],
)
track(Recipient, structure=lambda recipient: recipient.request.structure_id)
