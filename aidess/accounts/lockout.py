"""How django-axes names the account a login attempt is for, and counts failures per e-mail and
address pair and per address."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


def attempted_email(request, credentials=None):
    """The typed e-mail, trimmed and lower-cased, as login itself ignores case.

    Without this, failures on "Camille@X.fr" and "camille@x.fr" would be counted apart, and each
    variant of an address would get its own five tries.
    """
    credentials = credentials or {}
    typed = credentials.get("username") or request.POST.get("username") or ""
    return typed.strip().lower() or None


class PairAndAddressHandler(AxesDatabaseHandler):
    """Locks an e-mail and address pair after AXES_FAILURE_LIMIT failures, and an address after
    LOGIN_FAILURES_PER_ADDRESS failures whatever the e-mails tried (one address trying many
    accounts). Axes compares one count with one limit: the address's count is scaled so that it
    reaches AXES_FAILURE_LIMIT exactly when it reaches its own limit.

    Expects AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"], in that order.
    """

    def get_failures(self, request, credentials=None):
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit = get_failure_limit(request, credentials)
        return max(pair, address * limit // settings.LOGIN_FAILURES_PER_ADDRESS)

    def reset_user_attempts(self, request, credentials=None):
        """A successful login clears its own pair's failures only: an attacker signing in to an
        account of theirs must not wipe the address's failures on other accounts."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
