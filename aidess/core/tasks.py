"""Tasks every app uses: sending an e-mail, and `daily` to declare a job run once a day.

huey's consumer (`manage.py run_huey`, started by `python3 tasks.py run`) runs them; each app's
`tasks.py` is found by djhuey. Tests run them inline (`immediate`, config/settings/test.py).
"""

import functools

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, task

# Local time (TIME_ZONE, as HUEY["utc"] is off), when nobody works and after midnight's date change.
DAILY = crontab(minute="15", hour="3")


@task(retries=3, retry_delay=60)
def send_email(subject, body, to, from_email=None, html_body=None):
    """Send an already rendered e-mail: a slow or unreachable mail server never holds up a page,
    and a failure is retried (3 times, a minute apart)."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


def daily(job):
    """Run `job(today)` every day at 3:15 (local time). `job` takes the day it runs for, so that a
    test or a person can run it for any day, and again without harm:

        close_past_aids_daily = daily(close_past_aids)   # in the app's tasks.py
    """

    @functools.wraps(job)
    def run_for_today():
        return job(timezone.localdate())

    return db_periodic_task(DAILY)(run_for_today)  # registered as the job's module and name
