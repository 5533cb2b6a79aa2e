"""What sign-in leaves behind, removed once it no longer counts (a daily job, `tasks.py`)."""

import logging
from datetime import datetime, time, timedelta
from importlib import import_module

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from aidess.accounts.models import PasswordResetRequest

logger = logging.getLogger(__name__)


def purge_expired(today):
    """Expired sessions (what `manage.py clearsessions` does), login failures past their cool-off
    (django-axes keeps them otherwise) and reset requests older than a day (they count for an
    hour). Cut-offs count from the start of `today`: running it again is harmless."""
    start = timezone.make_aware(datetime.combine(today, time.min))
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    purged = {
        "reset_requests": PasswordResetRequest.objects.filter(
            requested_at__lt=start - timedelta(days=1)
        ).delete()[0],
        "login_failures": 0,
    }
    cool_off = get_cool_off()
    if cool_off is not None:  # None: failures never expire, they stay until an admin resets them
        purged["login_failures"] = AccessAttempt.objects.filter(
            attempt_time__lt=start - cool_off
        ).delete()[0]
    logger.info("Purge du %s : %s", today, purged)
    return purged
