"""What the application file lacks: each required document missing, expired or valid until a
date. Pure Python (no Django): the page and, later, an application's check use the same answer."""

import datetime
from dataclasses import dataclass

MISSING, EXPIRED, VALID = "missing", "expired", "valid"


@dataclass(frozen=True)
class Item:
    kind: str
    label: str
    status: str
    valid_until: datetime.date | None = None

    @property
    def is_ok(self):
        return self.status == VALID


def checklist(required, documents, today):
    """One `Item` per required (kind, label), in that order.

    `documents` are (kind, valid_until) pairs, `valid_until` None for a document that does not
    expire. Of several documents of a kind, the one valid the longest counts; a document is still
    valid on its last day.
    """
    best = {}
    for kind, valid_until in documents:
        if kind not in best or _later(valid_until, best[kind]):
            best[kind] = valid_until
    items = []
    for kind, label in required:
        if kind not in best:
            items.append(Item(kind, label, MISSING))
        elif best[kind] is not None and best[kind] < today:
            items.append(Item(kind, label, EXPIRED, best[kind]))
        else:
            items.append(Item(kind, label, VALID, best[kind]))
    return items


def _later(candidate, current):
    """None (no expiry) is later than any date."""
    if current is None:
        return False
    return candidate is None or candidate > current


def add_months(day, months):
    """The same day `months` later, the month's last day when it has fewer (31 Aug + 18 → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return datetime.date(year, month, min(day.day, (following - datetime.timedelta(days=1)).day))
