"""Absolute links for e-mails and webhooks, written outside any request (a task, a daily job):
the site's address comes from the `SITE_URL` setting."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

UNSUBSCRIBE_SALT = "aidess.notifications.digest-unsubscribe"


def absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def application_path(application):
    return application.get_absolute_url()


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_pk_from(token):
    """The user a digest's unsubscribe link was made for, or None if it was altered."""
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def unsubscribe_url(user):
    return absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user)]))
