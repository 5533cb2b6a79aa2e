"""Who sees what in the watch (as Signaux Faibles does).

- A watch agent sees the structures of its zone (its cells' regions, or all of France for the
  national cell) that have an alert or that one of its cells follows, never beyond.
- A confidential alert is read only by the members of its cell (and by the national cell once
  it is escalated there). Every view of a structure's confidential data is logged
  (`ConfidentialAccess`, by the pages).
- A cell membership expires after 6 months unless renewed (`OrganizationMembership.expires_on`,
  read by `organizations.permissions`).
- The regional cell that owns an alert triages it; the national cell answers escalated ones.
"""

from django.db.models import Exists, OuterRef, Q

from aidess.organizations.enums import OrganizationKind, Role, ScopeLevel
from aidess.organizations.models import Organization
from aidess.organizations.permissions import active_organizations_of, scope_for
from aidess.structures.models import Structure
from aidess.watch.enums import OPEN_ALERT_STATES, AlertStatus
from aidess.watch.models import Alert, Follow


def cells_of(user):
    """The active watch cells the user is a current member of."""
    if user is None:
        return Organization.objects.none()
    return active_organizations_of(user).filter(kind=OrganizationKind.WATCH_CELL, is_active=True)


def is_watch_agent(user):
    return cells_of(user).exists()


def is_national_agent(user):
    return cells_of(user).filter(scope_level=ScopeLevel.NATIONAL).exists()


def zone_of(user):
    return scope_for(user, Role.WATCH_AGENT)


def readable_alerts_q(user, prefix=""):
    """The rule of `alerts_visible_to` as a condition on alerts reached through `prefix`
    ("alerts__" from a structure); nothing when the user has no zone."""
    zone = zone_of(user)
    if zone.is_empty:
        return Q(pk__in=[])
    cells = list(cells_of(user).values_list("pk", flat=True))
    readable = Q(**{f"{prefix}is_confidential": False}) | Q(**{f"{prefix}cell__in": cells})
    if is_national_agent(user):
        readable |= Q(**{f"{prefix}status": AlertStatus.ESCALATED})
    return zone.as_q(f"{prefix}region", f"{prefix}department") & readable


def alerts_visible_to(user):
    """Alerts of the user's zone; confidential ones only within their cell (or escalated to
    the national cell the user belongs to)."""
    if zone_of(user).is_empty:
        return Alert.objects.none()
    return Alert.objects.filter(readable_alerts_q(user))


def structures_watched_by(user):
    """Structures of the zone with an open alert or followed by one of the user's cells."""
    zone = zone_of(user)
    if zone.is_empty:
        return Structure.objects.none()
    open_alert = Alert.objects.filter(structure=OuterRef("pk"), status__in=OPEN_ALERT_STATES)
    followed = Follow.objects.filter(
        structure=OuterRef("pk"), cell__in=cells_of(user), ended_at__isnull=True
    )
    return Structure.objects.filter(zone.as_q()).filter(Exists(open_alert) | Exists(followed))


def structures_reachable_by(user):
    """What the structure page opens: structures of the zone with an alert the user may read
    (even resolved: the page keeps their history) or that one of its cells follows. A structure
    known only through another cell's confidential alert stays out of reach."""
    zone = zone_of(user)
    if zone.is_empty:
        return Structure.objects.none()
    readable = Alert.objects.filter(readable_alerts_q(user)).values("structure_id")
    followed = Follow.objects.filter(cell__in=cells_of(user), ended_at__isnull=True)
    return Structure.objects.filter(zone.as_q()).filter(
        Q(pk__in=readable) | Q(pk__in=followed.values("structure_id"))
    )


def can_triage(user, alert):
    """The alert's own cell moves it; the national cell answers it once escalated."""
    if user is None or not user.is_authenticated:
        return False
    if cells_of(user).filter(pk=alert.cell_id).exists():
        return True
    return alert.status == AlertStatus.ESCALATED and is_national_agent(user)


def is_cell_member(user, alert):
    return cells_of(user).filter(pk=alert.cell_id).exists()
