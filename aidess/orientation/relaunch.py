"""The daily jobs that keep a request from being forgotten (Place des entreprises' relaunches).

`relaunch_requests(today)`: a confirmed request that nobody ever took is relaunched to its
recipients after 3 working days, to their managers after 9, and signalled to the regional watch
cell after 21 (`RELAUNCH_AFTER_WORKING_DAYS`), which then sees it (`permissions.
requests_visible_to`). Each level is reached once: the level is stored on the request (its
history records the change) and compared before anything is sent, so the job may run again the
same day. A job that did not run for a while goes straight to the level due, once.

`ask_satisfaction(today)`: 10 days after a request closed, its contact is asked once whether it
was helped (`satisfaction_asked_at`); not when it closed more than a month before that, as the
answer would mean little (a worker stopped for long, requests imported already closed).
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from aidess.organizations.cells import national_cells, regional_cells
from aidess.orientation import mail
from aidess.orientation.enums import (
    CLOSED_REQUEST_STATES,
    RELAUNCH_AFTER_WORKING_DAYS,
    SATISFACTION_AFTER_DAYS,
    RecipientStatus,
    Relaunch,
    RequestStatus,
)
from aidess.orientation.models import HelpRequest
from aidess.orientation.workdays import day_after_working_days, working_days_between

SATISFACTION_WINDOW_DAYS = 30


def due_level(working_days):
    """The highest relaunch level `working_days` without a taker have reached."""
    reached = [level for level, days in RELAUNCH_AFTER_WORKING_DAYS.items() if working_days >= days]
    return max(reached, default=Relaunch.NONE)


def untaken_requests():
    """Confirmed requests still waiting that no recipient ever took, not yet at the last level."""
    return HelpRequest.objects.filter(
        status=RequestStatus.WAITING,
        confirmed_at__isnull=False,
        relaunch__lt=Relaunch.WATCH_CELL,
    ).exclude(recipients__taken_at__isnull=False)


def watch_cells_for(structure):
    """The active watch cells of the structure's region; the national ones when no regional
    cell covers it (a structure left without answer is never left without a cell)."""
    regional = list(regional_cells(structure.region_id).order_by("name"))
    return regional or list(national_cells().order_by("name"))


def next_step_on(help_request, level):
    """When the next level will be reached if nobody takes the request (None after the last)."""
    following = [days for lvl, days in RELAUNCH_AFTER_WORKING_DAYS.items() if lvl > level]
    if not following:
        return None
    return day_after_working_days(timezone.localdate(help_request.confirmed_at), min(following))


@transaction.atomic
def relaunch(help_request, level):
    """Move the request to `level` and queue its e-mails, unless it got there or was taken
    meanwhile (row locked): True if relaunched."""
    locked = (
        HelpRequest.objects.select_for_update()
        .filter(pk=help_request.pk, status=RequestStatus.WAITING, relaunch__lt=level)
        .first()
    )
    if locked is None:
        return False
    locked.relaunch, locked.relaunched_at = level, timezone.now()
    locked.save(update_fields=["relaunch", "relaunched_at", "updated_at"])
    waiting = list(
        locked.recipients.filter(status=RecipientStatus.WAITING).select_related(
            "organization__parent"
        )
    )
    cells = watch_cells_for(locked.structure) if level == Relaunch.WATCH_CELL else []
    mail.send_on_commit(mail.relaunched(locked, level, waiting, cells, next_step_on(locked, level)))
    return True


def relaunch_requests(today):
    """Relaunch every untaken request whose next level is due on `today`; how many were."""
    count = 0
    for help_request in untaken_requests().select_related("structure__commune"):
        days = working_days_between(timezone.localdate(help_request.confirmed_at), today)
        level = due_level(days)
        if level > help_request.relaunch:
            count += relaunch(help_request, level)
    return count


def start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def ask(help_request):
    locked = (
        HelpRequest.objects.select_for_update()
        .filter(pk=help_request.pk, satisfaction_asked_at__isnull=True)
        .first()
    )
    if locked is None:
        return False
    locked.satisfaction_asked_at = timezone.now()
    locked.save(update_fields=["satisfaction_asked_at", "updated_at"])
    mail.send_on_commit(mail.satisfaction_question(locked))
    return True


def ask_satisfaction(today):
    """Ask the contacts of the requests closed `SATISFACTION_AFTER_DAYS` days before `today`
    (up to a month earlier); how many were asked."""
    last = today - timedelta(days=SATISFACTION_AFTER_DAYS)
    due = HelpRequest.objects.filter(
        status__in=CLOSED_REQUEST_STATES,
        satisfaction_asked_at__isnull=True,
        closed_at__lt=start_of(last + timedelta(days=1)),
        closed_at__gte=start_of(last - timedelta(days=SATISFACTION_WINDOW_DAYS)),
    ).select_related("structure__commune")
    return sum(ask(help_request) for help_request in due)
