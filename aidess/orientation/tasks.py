"""Orientation's background work: the e-mails of a new recipient and of each handling step
(queued once their transaction commits, `signals.py`), and the daily relaunches and
satisfaction questions (`relaunch.py`)."""

from huey.contrib.djhuey import db_task

from aidess.core.tasks import daily
from aidess.lifecycles.models import TransitionLog
from aidess.orientation import mail
from aidess.orientation.models import Recipient
from aidess.orientation.relaunch import ask_satisfaction, relaunch_requests

RECIPIENT_FIELDS = ("request__structure__commune", "organization", "redirected_from__organization")


@db_task(retries=3, retry_delay=60)
def recipient_added(recipient_pk):
    recipient = Recipient.objects.select_related(*RECIPIENT_FIELDS).filter(pk=recipient_pk).first()
    if recipient is not None:  # deleted meanwhile: nobody to tell
        mail.send(mail.new_request(recipient))


@db_task(retries=3, retry_delay=60)
def recipient_handled(log_pk):
    log = TransitionLog.objects.filter(pk=log_pk).first()
    recipient = (
        Recipient.objects.select_related("request__structure__commune", "organization", "advisor")
        .filter(pk=log.object_id)
        .first()
        if log
        else None
    )
    if recipient is not None and log.transition in mail.HANDLING_HEADLINES:
        mail.send(mail.handling_changed(log, recipient))


relaunch_requests_daily = daily(relaunch_requests)
ask_satisfaction_daily = daily(ask_satisfaction)
