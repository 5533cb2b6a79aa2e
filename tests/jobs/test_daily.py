"""Daily jobs are declared in code, found by the worker, and do what they say."""

from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from huey.contrib.djhuey import HUEY

from aidess.accounts.models import PasswordResetRequest
from aidess.accounts.tasks import purge_expired_daily
from aidess.core.tasks import daily

DAILY_JOBS = {
    "aidess.accounts.housekeeping.purge_expired",
    "aidess.aids.moderation.close_past_aids",
    "aidess.instruction.tasks.purge_expired_exports",
    "aidess.notifications.digest.send_digests",
    "aidess.orientation.relaunch.ask_satisfaction",
    "aidess.orientation.relaunch.relaunch_requests",
    "aidess.watch.intake.bodacc.sync",
}


def due_at(moment):
    return {HUEY._registry.task_to_string(type(task)) for task in HUEY.read_periodic(moment)}


def test_the_worker_finds_the_daily_jobs_due_at_3_15_local_time_only():
    autodiscover_modules("tasks")  # what `manage.py run_huey` does before consuming

    assert due_at(datetime(2026, 11, 30, 3, 15)) == DAILY_JOBS
    assert due_at(datetime(2026, 7, 14, 3, 15)) == DAILY_JOBS
    for moment in (datetime(2026, 11, 30, 3, 16), datetime(2026, 11, 30, 2, 15)):
        assert due_at(moment) == set()
    assert HUEY.utc is False, "crontabs are read in TIME_ZONE (Europe/Paris), not UTC"


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
        hours=hour, minutes=minute
    )


@pytest.mark.django_db
def test_daily_purge_removes_what_no_longer_counts_and_keeps_the_rest():
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    for key, expiry in (("expiree", at(yesterday, 12)), ("valide", at(today + timedelta(7), 0))):
        Session.objects.create(session_key=key, session_data="", expire_date=expiry)
    for ip, when in (("192.0.2.1", at(today - timedelta(2), 23)), ("192.0.2.2", at(yesterday, 9))):
        PasswordResetRequest.objects.create(email_digest="x", ip_address=ip, requested_at=when)
    for ip, when in (("192.0.2.3", at(yesterday, 23)), ("192.0.2.4", timezone.now())):
        AccessAttempt.objects.create(
            ip_address=ip, username="camille@exemple.fr", failures_since_start=5
        )
        AccessAttempt.objects.filter(ip_address=ip).update(attempt_time=when)

    purge_expired_daily()  # the periodic task itself, run inline in tests
    purge_expired_daily()  # again the same day: nothing more goes

    assert list(Session.objects.values_list("session_key", flat=True)) == ["valide"]
    assert list(PasswordResetRequest.objects.values_list("ip_address", flat=True)) == ["192.0.2.2"]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.4"]


def test_a_daily_job_is_given_the_local_date_it_runs_for():
    given = []

    def remember(today):
        given.append(today)

    job = daily(remember)
    try:
        assert HUEY._registry.task_to_string(job.task_class) == f"{__name__}.remember"
        job()
    finally:
        job.unregister()

    assert given == [timezone.localdate()]
