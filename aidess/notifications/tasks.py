"""The notifications' background work: after a state change of an application (queued once its
transaction commits, `signals.py`), the applicant's e-mails and the webhooks' events; each
webhook delivery and its retries; the instructors' daily digest."""

from huey.contrib.djhuey import task

from aidess.applications.models import Application
from aidess.core.tasks import daily
from aidess.lifecycles.models import TransitionLog
from aidess.notifications import webhooks
from aidess.notifications.applicant_mail import notify_applicants
from aidess.notifications.digest import send_digests
from aidess.notifications.models import WebhookEvent


@task(retries=3, retry_delay=60)
def application_status_changed(log_pk):
    log = TransitionLog.objects.filter(pk=log_pk).first()
    application = (
        Application.objects.select_related("aid", "structure").filter(pk=log.object_id).first()
        if log
        else None
    )
    if application is None:  # deleted meanwhile: nobody to tell
        return
    notify_applicants(log, application)
    for event in webhooks.record_events(log, application):
        deliver_webhook(event.pk, 1)


@task()
def deliver_webhook(event_pk, number):
    """Try n° `number` of an event; a failure schedules the next try (`RETRY_DELAYS`)."""
    event = WebhookEvent.objects.select_related("webhook").filter(pk=event_pk).first()
    if event is None or not webhooks.due(event):
        return
    delivery = webhooks.attempt(event, number)
    if delivery.next_retry_at:
        deliver_webhook.schedule(
            args=(event_pk, number + 1), delay=webhooks.retry_seconds(delivery)
        )


send_digests_daily = daily(send_digests)
