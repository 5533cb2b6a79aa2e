"""Cell meetings (issue 15): an agenda generated from the cell's open alerts — new since the
last meeting, worsening, without answer — a decision recorded per alert during the meeting, and
the minutes, closed then exported (`minutes.py`).

Each alert appears once, under its most pressing reason (worsening, then without answer, then
new). The national cell's agenda is the alerts escalated to it."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from aidess.organizations.enums import ScopeLevel
from aidess.orientation.enums import RequestStatus
from aidess.orientation.models import HelpRequest
from aidess.watch.enums import OPEN_ALERT_STATES, AlertStatus, RiskLevel, Urgency
from aidess.watch.models import AgendaItem, Alert, Meeting

SINCE_WITHOUT_MEETING = datetime.timedelta(days=30)
CASH_SOON = datetime.timedelta(days=30)  # cash running out within a month: worsening
NO_ANSWER_AFTER = datetime.timedelta(days=7)


class MeetingClosed(Exception):
    """The minutes are closed: the agenda and decisions no longer change."""


def cell_alerts(cell):
    alerts = Alert.objects.filter(status__in=OPEN_ALERT_STATES)
    if cell.scope_level == ScopeLevel.NATIONAL:
        return alerts.filter(status=AlertStatus.ESCALATED)
    return alerts.filter(cell=cell)


def previous_meeting_day(meeting):
    earlier = (
        Meeting.objects.filter(cell=meeting.cell, held_on__lt=meeting.held_on)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    return earlier or meeting.held_on - SINCE_WITHOUT_MEETING


def agenda_reasons(meeting, now=None):
    """[(alert, why)] for the meeting, most pressing first, each alert once."""
    now = now or timezone.now()
    alerts = cell_alerts(meeting.cell).select_related("structure")
    worsening = Q(level=RiskLevel.RED) | Q(urgency=Urgency.IMMEDIATE)
    worsening |= Q(cash_runs_out_on__lte=meeting.held_on + CASH_SOON)
    waiting_request = HelpRequest.objects.filter(
        alerts=OuterRef("pk"), status__in=[RequestStatus.WAITING, RequestStatus.UNROUTED]
    )
    unanswered = Q(status=AlertStatus.ESCALATED, updated_at__lte=now - NO_ANSWER_AFTER)
    unanswered |= Q(status=AlertStatus.IN_HANDLING) & Q(Exists(waiting_request))
    since = previous_meeting_day(meeting)
    new = Q(created_at__date__gte=since, status__in=[AlertStatus.NEW, AlertStatus.QUALIFIED])
    found, seen = [], set()
    for why, condition in (
        (AgendaItem.Why.WORSENING, worsening),
        (AgendaItem.Why.UNANSWERED, unanswered),
        (AgendaItem.Why.NEW, new),
    ):
        for alert in alerts.filter(condition).order_by("created_at", "pk"):
            if alert.pk not in seen:
                seen.add(alert.pk)
                found.append((alert, why))
    return found


@transaction.atomic
def generate_agenda(meeting):
    """Add the alerts the meeting should discuss (those already on it keep their decision)."""
    if meeting.closed_at:
        raise MeetingClosed
    present = set(meeting.items.values_list("alert_id", flat=True))
    position = meeting.items.count()
    added = []
    for alert, why in agenda_reasons(meeting):
        if alert.pk in present:
            continue
        position += 1
        added.append(AgendaItem(meeting=meeting, alert=alert, why=why, position=position))
    AgendaItem.objects.bulk_create(added)
    return added


def record_decision(item, text):
    if item.meeting.closed_at:
        raise MeetingClosed
    item.decision = text.strip()
    item.save(update_fields=["decision"])


def close_minutes(meeting):
    if meeting.closed_at:
        raise MeetingClosed
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at"])
