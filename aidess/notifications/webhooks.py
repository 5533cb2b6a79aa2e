"""Webhooks: each state change of an application is POSTed as JSON to the active webhooks of its
aid's providers, signed with the webhook's secret (HMAC-SHA256 of the raw body, header
`X-AidESS-Signature: sha256=<hex>`), and tried again with growing delays until the receiver
answers 2xx. Every attempt is a `WebhookDelivery` row.

`attempt(event, number)` makes one attempt and says when the next one is due; the huey task
(`tasks.deliver_webhook`) runs it and schedules the next. Tests call `attempt` directly to play
each try in order.
"""

import hashlib
import hmac
import json
import time
import uuid
from datetime import timedelta

import httpx
from django.utils import timezone

from aidess.applications.enums import ApplicationStatus
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.notifications.addresses import RefusedAddress, pinned
from aidess.notifications.links import absolute, application_path
from aidess.notifications.models import Webhook, WebhookDelivery, WebhookEvent

EVENT_TYPE = "application.status_changed"
# The first try is immediate; after a failure the next ones come 1 min, 5 min, 30 min, 2 h and
# 12 h later (6 tries over about 15 hours), then the event is abandoned.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
TIMEOUT_SECONDS = 5.0
USER_AGENT = "AidESS-Webhooks/1"
# Identifies one state change whichever webhook receives it.
EVENT_NAMESPACE = uuid.UUID("6f1d3c2e-7a51-4d8e-9a0b-5b7c1e2f3a40")


def sign(secret, body):
    """The value of the `X-AidESS-Signature` header for the raw `body` (bytes)."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def event_id_of(log):
    return uuid.uuid5(EVENT_NAMESPACE, f"transition:{log.pk}")


def payload(log, application, event_id):
    amount = application.amount_granted_eur if log.to_state == ApplicationStatus.ACCEPTED else None
    return {
        "id": str(event_id),
        "type": EVENT_TYPE,
        "occurred_at": log.created_at.isoformat(),
        "data": {
            "application": {
                "id": application.pk,
                "reference": application.reference,
                "url": absolute(application_path(application)),
            },
            "aid": {"slug": application.aid.slug, "name": application.aid.name},
            "transition": log.transition,
            "from_state": log.from_state,
            "from_label": APPLICATION_LIFECYCLE.label(log.from_state),
            "to_state": log.to_state,
            "to_label": APPLICATION_LIFECYCLE.label(log.to_state),
            # Every comment of this lifecycle is one the applicant reads (a reason, an answer);
            # private notes are another table and never sent.
            "comment": log.comment,
            "amount_granted_eur": str(amount) if amount is not None else None,
        },
    }


def webhooks_for(application):
    return Webhook.objects.filter(
        is_active=True,
        organization__is_active=True,
        organization__in=application.aid.providers.all(),
    )


def record_events(log, application):
    """One event per active webhook of the aid's providers (again for the same log: none)."""
    event_id = event_id_of(log)
    events = []
    for webhook in webhooks_for(application):
        body = json.dumps(payload(log, application, event_id), ensure_ascii=False)
        event, created = WebhookEvent.objects.get_or_create(
            webhook=webhook, event_id=event_id, defaults={"event_type": EVENT_TYPE, "body": body}
        )
        if created:
            events.append(event)
    return events


def post(event):
    """(status code, error): the receiver's answer, or why there was none."""
    body = event.body.encode()
    try:
        target, host, server_name = pinned(event.webhook.url)
    except RefusedAddress as refused:
        return None, str(refused)
    headers = {
        "Host": host,
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-AidESS-Event": event.event_type,
        "X-AidESS-Event-Id": str(event.event_id),
        "X-AidESS-Signature": sign(event.webhook.secret, body),
    }
    try:
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
            response = client.post(
                target, content=body, headers=headers, extensions={"sni_hostname": server_name}
            )
    except httpx.TimeoutException:
        return None, f"Pas de réponse en {TIMEOUT_SECONDS:g} secondes."
    except httpx.HTTPError as error:
        return None, f"Connexion impossible : {type(error).__name__}."[:300]
    if response.is_redirect:
        return response.status_code, "Redirection non suivie : indiquez l'adresse finale."
    return response.status_code, ""


def attempt(event, number):
    """Try `event` once (try n° `number`) and record it; the delivery says when to try again
    (`next_retry_at`, None when received or abandoned)."""
    started = time.monotonic()
    status_code, error = post(event)
    now = timezone.now()
    delivery = WebhookDelivery(
        event=event,
        attempt=number,
        attempted_at=now,
        status_code=status_code,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    if delivery.succeeded:
        event.delivered_at = now
    elif number < MAX_ATTEMPTS:
        delivery.next_retry_at = now + RETRY_DELAYS[number - 1]
    else:
        event.abandoned = True
    delivery.save()
    event.save(update_fields=["delivered_at", "abandoned"])
    Webhook.objects.filter(pk=event.webhook_id).update(
        last_status=describe(delivery), last_delivery_at=now
    )
    return delivery


def describe(delivery):
    """« Reçu (HTTP 200) », « Échec (HTTP 500), nouvel essai à 14:05 »: the webhook's status."""
    answer = f"HTTP {delivery.status_code}" if delivery.status_code else delivery.error
    if delivery.succeeded:
        return f"Reçu ({answer})"
    text = f"Échec ({answer})"
    if delivery.next_retry_at:
        when = timezone.localtime(delivery.next_retry_at)
        text += f", nouvel essai le {when:%d/%m/%Y à %H:%M}"
    else:
        text += ", abandonné"
    return text[:200]


def due(event):
    """Whether `event` still needs a try: neither received nor abandoned, webhook active."""
    return not event.delivered_at and not event.abandoned and event.webhook.is_active


def retry_seconds(delivery):
    return max(0, (delivery.next_retry_at - timezone.now()).total_seconds())
