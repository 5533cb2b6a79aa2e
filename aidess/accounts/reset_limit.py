"""How many password-reset e-mails may leave in an hour: PASSWORD_RESET_EMAILS_PER_ADDRESS for one
address, PASSWORD_RESET_EMAILS_PER_IP from one IP address (settings). Beyond, the page says the same
neutral thing and nothing is sent, so it tells neither whether the account exists nor the limit.

Counted in the database (`PasswordResetRequest`), not in a per-process cache: several web workers
share the same counts, on SQLite and PostgreSQL alike, with no cache server.
"""

from datetime import timedelta

from django.conf import settings
from django.utils.crypto import salted_hmac

from aidess.accounts.models import PasswordResetRequest

WINDOW = timedelta(hours=1)


def email_digest(email):
    """The address as the reset finds its account (case ignored), hashed with the secret key."""
    typed = email.strip().lower()
    return salted_hmac("aidess.accounts.reset_limit", typed, algorithm="sha256").hexdigest()


def allow_reset_email(email, ip_address, now):
    """True when neither the address nor the IP had their fill this hour; the request then counts.
    Refused requests don't count, so a limit lifts an hour after the last e-mail sent."""
    recent = PasswordResetRequest.objects.filter(requested_at__gt=now - WINDOW)
    digest = email_digest(email)
    if recent.filter(email_digest=digest).count() >= settings.PASSWORD_RESET_EMAILS_PER_ADDRESS:
        return False
    if (
        ip_address
        and recent.filter(ip_address=ip_address).count() >= settings.PASSWORD_RESET_EMAILS_PER_IP
    ):
        return False
    PasswordResetRequest.objects.create(
        email_digest=digest, ip_address=ip_address, requested_at=now
    )
    return True
