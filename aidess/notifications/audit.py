"""Webhooks in the history of changes (who registered, turned off or removed one); never the
secret."""

from aidess.history.registry import track
from aidess.notifications.models import NotificationPreference, Webhook

track(Webhook, exclude=["secret", "last_status", "last_delivery_at"])
track(NotificationPreference, exclude=["last_digest_at", "last_digest_on"])
