"""The advisor's home as a query (Place des entreprises' inbox): its tabs, their counts in one
query, and the rows of a tab under a search and a department."""

from dataclasses import dataclass

from django.db.models import Count, Q

from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.enums import Relaunch

WAITING = Q(status=R.WAITING)
EXPIRED = Q(request__relaunch__gte=Relaunch.WATCH_CELL)
# (key, label, condition, order): « Expirées » are the requests still waiting after 21 working
# days (escalated to the watch cell), apart from those still to take.
TABS = [
    ("a_prendre", "À prendre", WAITING & ~EXPIRED, ("request__confirmed_at", "pk")),
    ("en_cours", "En cours", Q(status=R.TAKING_CARE), ("-taken_at", "-pk")),
    (
        "cloturees",
        "Clôturées",
        Q(status__in=[R.HELP_PROPOSED, R.NO_HELP, R.UNREACHABLE, R.NOT_FOR_ME]),
        ("-closed_at", "-pk"),
    ),
    ("expirees", "Expirées", WAITING & EXPIRED, ("request__confirmed_at", "pk")),
]
TAB_KEYS = [key for key, *_rest in TABS]
DEFAULT_TAB = "a_prendre"


@dataclass(frozen=True)
class HomeFilters:
    tab: str = DEFAULT_TAB
    text: str = ""  # a structure's name or SIRET
    department: str = ""


def narrow(recipients, filters):
    """Every filter but the tab."""
    text = filters.text.strip()
    if text:
        siret = text.replace(" ", "")
        by_siret = Q(request__structure__siret=siret) if siret.isdigit() else Q(pk__in=[])
        recipients = recipients.filter(Q(request__structure__name__icontains=text) | by_siret)
    if filters.department:
        recipients = recipients.filter(request__structure__department_id=filters.department)
    return recipients


def tab_counts(recipients, filters=HomeFilters()):
    """{tab key: count} in one query."""
    return narrow(recipients, filters).aggregate(
        **{key: Count("pk", filter=condition) for key, _label, condition, _order in TABS}
    )


def select(recipients, filters):
    tab = next((t for t in TABS if t[0] == filters.tab), TABS[0])
    _key, _label, condition, order = tab
    return (
        narrow(recipients, filters)
        .filter(condition)
        .order_by(*order)
        .select_related("request__structure__commune", "organization")
    )


def departments_of(recipients):
    """(code, « 23 — Creuse ») of the departments of the structures the advisor received."""
    rows = (
        recipients.exclude(request__structure__department__isnull=True)
        .values_list("request__structure__department_id", "request__structure__department__name")
        .order_by("request__structure__department_id")
        .distinct()
    )
    return [(code, f"{code} — {name}") for code, name in rows]
