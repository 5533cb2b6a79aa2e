"""Cursor pagination of the inbox for the API: an opaque, signed cursor on the last row's
(submitted_at, id), newest first. A row inserted or submitted meanwhile lands before the cursor,
so walking the pages never repeats nor skips a row that was there when the walk began."""

import datetime

from django.core import signing
from django.db.models import F, Q

SALT = "aidess.instruction.inbox-cursor"
ORDER = (F("submitted_at").desc(nulls_last=True), F("pk").desc())


class BadCursor(ValueError):
    pass


def encode(application):
    stamp = application.submitted_at.isoformat() if application.submitted_at else None
    return signing.dumps([stamp, application.pk], salt=SALT)


def decode(text):
    """(submitted_at or None, id), or BadCursor."""
    try:
        stamp, pk = signing.loads(text, salt=SALT)
        submitted_at = None if stamp is None else datetime.datetime.fromisoformat(stamp)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadCursor(text) from None
    if not isinstance(pk, int) or (submitted_at is not None and submitted_at.tzinfo is None):
        raise BadCursor(text)
    return submitted_at, pk


def page(queryset, cursor, limit):
    """(the `limit` rows after `cursor` (None: the first page), the next page's cursor or None)."""
    queryset = queryset.order_by(*ORDER)
    if cursor is not None:
        submitted_at, pk = cursor
        if submitted_at is None:
            queryset = queryset.filter(submitted_at__isnull=True, pk__lt=pk)
        else:
            queryset = queryset.filter(
                Q(submitted_at__lt=submitted_at)
                | Q(submitted_at=submitted_at, pk__lt=pk)
                | Q(submitted_at__isnull=True)
            )
    rows = list(queryset[: limit + 1])
    if len(rows) > limit:
        return rows[:limit], encode(rows[limit - 1])
    return rows, None
