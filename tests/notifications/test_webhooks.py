"""Webhooks against a real HTTP server on 127.0.0.1: each state change POSTed as signed JSON,
retried with growing delays until a 2xx, every attempt recorded; redirects never followed."""

import hashlib
import hmac
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from aidess.applications.decisions import accept
from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.notifications import webhooks
from aidess.notifications.models import Webhook, WebhookDelivery, WebhookEvent
from aidess.notifications.tasks import deliver_webhook
from tests.factories import OrganizationFactory
from tests.notifications.factories import application_with_people, provider_of
from tests.notifications.receiver import Receiver

pytestmark = pytest.mark.django_db


def verify(secret, body, header):
    """What the documentation tells a receiver to do (docs/ARCHITECTURE.md, « Webhooks »)."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    def run(action, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args)

    return run


def test_an_acceptance_is_posted_signed_with_its_amount(change):
    application, _, _, agent = application_with_people(status=S.INSTRUCTION)
    with Receiver() as receiver:
        webhook = Webhook.objects.create(organization=provider_of(application), url=receiver.url)
        log = change(accept, application, agent, Decimal("8500.50"), "Bilan sous un an")

    (request,) = receiver.requests
    headers = request["headers"]
    assert request["path"] == "/aidess/evenements"
    assert verify(webhook.secret, request["body"], headers["X-AidESS-Signature"])
    assert not verify("un autre secret", request["body"], headers["X-AidESS-Signature"])
    event = json.loads(request["body"])
    assert headers["X-AidESS-Event-Id"] == event["id"] == str(webhooks.event_id_of(log))
    assert event["type"] == "application.status_changed"
    assert event["occurred_at"] == log.created_at.isoformat()
    data = event["data"]
    assert data["application"]["id"] == application.pk
    assert data["application"]["reference"] == application.reference
    assert data["aid"]["slug"] == application.aid.slug
    assert (data["from_state"], data["to_state"]) == ("en_instruction", "acceptee")
    assert data["to_label"] == "Acceptée"
    assert data["amount_granted_eur"] == "8500.50"
    assert "Bilan sous un an" in data["comment"]

    (delivery,) = WebhookDelivery.objects.all()
    assert (delivery.attempt, delivery.status_code, delivery.next_retry_at) == (1, 200, None)
    webhook.refresh_from_db()
    assert webhook.last_status == "Reçu (HTTP 200)"


def test_a_refusal_carries_its_reason_and_no_amount(change):
    application, _, _, agent = application_with_people(status=S.INSTRUCTION)
    with Receiver() as receiver:
        Webhook.objects.create(organization=provider_of(application), url=receiver.url)
        change(APPLICATION_LIFECYCLE.apply, application, "refuse", agent, "Hors territoire")
    data = json.loads(receiver.requests[0]["body"])["data"]
    assert (data["comment"], data["amount_granted_eur"]) == ("Hors territoire", None)


def test_a_failure_is_tried_again_later_then_received(change):
    application, _, _, agent = application_with_people(status=S.SUBMITTED)
    with Receiver(statuses=[500, 200]) as receiver:
        Webhook.objects.create(organization=provider_of(application), url=receiver.url)
        before = timezone.now()
        change(APPLICATION_LIFECYCLE.apply, application, "instruct", agent)

        first = WebhookDelivery.objects.get()
        assert (first.attempt, first.status_code) == (1, 500)
        assert 59 <= (first.next_retry_at - before).total_seconds() <= 65
        event = first.event
        assert event.delivered_at is None
        retry = [t for t in HUEY.scheduled() if t.args == (event.pk, 2)]
        assert len(retry) == 1  # the queue holds the next try, a minute later

        deliver_webhook.call_local(event.pk, 2)  # what the worker does when it is due

    assert len(receiver.requests) == 2
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"]  # same event, same id
    second = WebhookDelivery.objects.get(attempt=2)
    assert (second.status_code, second.next_retry_at) == (200, None)
    event.refresh_from_db()
    assert event.delivered_at is not None
    deliver_webhook.call_local(event.pk, 3)  # a late duplicate of the retry: nothing sent
    assert len(receiver.requests) == 2


def test_the_delays_grow_then_the_event_is_abandoned(change):
    application, _, _, agent = application_with_people(status=S.SUBMITTED)
    with Receiver(statuses=[503]) as receiver:
        Webhook.objects.create(organization=provider_of(application), url=receiver.url)
        change(APPLICATION_LIFECYCLE.apply, application, "instruct", agent)
        event = WebhookEvent.objects.get()
        for number in range(2, webhooks.MAX_ATTEMPTS + 1):
            deliver_webhook.call_local(event.pk, number)
    deliveries = WebhookDelivery.objects.order_by("attempt")
    delays = [
        round((d.next_retry_at - d.attempted_at).total_seconds() / 60)
        for d in deliveries
        if d.next_retry_at
    ]
    assert delays == [1, 5, 30, 120, 720]
    assert len(receiver.requests) == webhooks.MAX_ATTEMPTS == 6
    event.refresh_from_db()
    assert event.abandoned and event.delivered_at is None
    assert Webhook.objects.get().last_status == "Échec (HTTP 503), abandonné"


def test_a_redirect_is_not_followed(change):
    application, _, _, agent = application_with_people(status=S.SUBMITTED)
    with Receiver(statuses=[302], redirect_to="http://127.0.0.1:9/ailleurs") as receiver:
        Webhook.objects.create(organization=provider_of(application), url=receiver.url)
        change(APPLICATION_LIFECYCLE.apply, application, "instruct", agent)
    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code == 302 and "Redirection non suivie" in delivery.error
    assert delivery.next_retry_at is not None


def test_a_slow_receiver_times_out(change, monkeypatch):
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 0.2)
    application, _, _, agent = application_with_people(status=S.SUBMITTED)
    with Receiver(delay=1.0) as receiver:
        Webhook.objects.create(organization=provider_of(application), url=receiver.url)
        change(APPLICATION_LIFECYCLE.apply, application, "instruct", agent)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code is None and delivery.error == "Pas de réponse en 0.2 secondes."


def test_only_the_active_webhooks_of_the_aids_providers_are_called(change):
    application, _, _, agent = application_with_people(status=S.SUBMITTED)
    with Receiver() as ours, Receiver() as off, Receiver() as theirs:
        provider = provider_of(application)
        Webhook.objects.create(organization=provider, url=ours.url)
        Webhook.objects.create(organization=provider, url=off.url, is_active=False)
        stranger = OrganizationFactory(kind="provider", scope_level="national")
        Webhook.objects.create(organization=stranger, url=theirs.url)
        change(APPLICATION_LIFECYCLE.apply, application, "instruct", agent)
    assert (len(ours.requests), len(off.requests), len(theirs.requests)) == (1, 0, 0)


def test_a_private_address_is_refused_at_delivery(change, settings):
    application, _, _, agent = application_with_people(status=S.SUBMITTED)
    with Receiver() as receiver:
        Webhook.objects.create(organization=provider_of(application), url=receiver.url)
        settings.WEBHOOKS_ALLOW_LOOPBACK = False  # as in production
        change(APPLICATION_LIFECYCLE.apply, application, "instruct", agent)
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert "réseau privé" in delivery.error and delivery.status_code is None
