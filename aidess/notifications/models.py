"""What the notifications keep: each person's preferences (the instructors' daily digest, and when
it last went), the providers' webhooks, the events sent to them and every delivery attempt."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from aidess.organizations.models import Organization


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preference"
    )
    daily_digest = models.BooleanField(
        "recevoir le récapitulatif quotidien de mes dossiers",
        default=True,
        help_text="Un e-mail par jour, seulement quand un dossier que vous instruisez a du nouveau.",
    )
    # The digest's window starts where the last one ended; the day keeps a rerun from sending twice.
    last_digest_at = models.DateTimeField("dernier récapitulatif envoyé le", null=True, blank=True)
    last_digest_on = models.DateField("jour du dernier récapitulatif", null=True, blank=True)

    class Meta:
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"

    def __str__(self):
        return f"Préférences de {self.user}"

    @classmethod
    def of(cls, user):
        return cls.objects.get_or_create(user=user)[0]


def new_secret():
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A URL of a provider's own system, told of each state change of the applications to its
    aids. The secret signs every payload (HMAC-SHA256); it is shown once, at creation."""

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="webhooks")
    url = models.URLField("adresse (URL) de réception", max_length=500)
    secret = models.CharField("secret de signature", max_length=100, default=new_secret)
    is_active = models.BooleanField("actif", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    last_status = models.CharField("dernier envoi", max_length=200, blank=True)
    last_delivery_at = models.DateTimeField("dernier envoi le", null=True, blank=True)

    class Meta:
        verbose_name = "webhook"
        ordering = ["organization", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.url} ({self.organization})"


class WebhookEvent(models.Model):
    """One event for one webhook: the body as sent (signed bytes never change between attempts)."""

    webhook = models.ForeignKey(Webhook, models.CASCADE, related_name="events")
    event_id = models.UUIDField("identifiant de l'événement", default=uuid.uuid4)
    event_type = models.CharField("type", max_length=60)
    body = models.TextField("contenu envoyé (JSON)")
    created_at = models.DateTimeField("créé le", default=timezone.now)
    delivered_at = models.DateTimeField("reçu le", null=True, blank=True)
    abandoned = models.BooleanField("abandonné après le dernier essai", default=False)

    class Meta:
        verbose_name = "événement de webhook"
        verbose_name_plural = "événements de webhook"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_id"], name="unique_webhook_event")
        ]

    def __str__(self):
        return f"{self.event_type} {self.event_id}"


class WebhookDelivery(models.Model):
    """One attempt to deliver an event: what the receiver answered, or why it could not."""

    event = models.ForeignKey(WebhookEvent, models.CASCADE, related_name="deliveries")
    attempt = models.PositiveSmallIntegerField("essai n°")
    attempted_at = models.DateTimeField("le", default=timezone.now)
    status_code = models.PositiveSmallIntegerField("code HTTP reçu", null=True, blank=True)
    error = models.CharField("erreur", max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField("durée (ms)", default=0)
    next_retry_at = models.DateTimeField("prochain essai le", null=True, blank=True)

    class Meta:
        verbose_name = "envoi de webhook"
        verbose_name_plural = "envois de webhook"
        ordering = ["-attempted_at", "-pk"]

    def __str__(self):
        return f"{self.event} essai {self.attempt} : {self.status_code or self.error}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
