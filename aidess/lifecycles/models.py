"""One log row per transition of any object's lifecycle (see `machine.py`): who, when, from, to,
why. Generic (content type + id) so that every app's lifecycle writes to the same table."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class TransitionLog(models.Model):
    content_type = models.ForeignKey(ContentType, models.CASCADE, verbose_name="type d'objet")
    object_id = models.PositiveBigIntegerField("identifiant de l'objet")
    subject = GenericForeignKey("content_type", "object_id")
    transition = models.CharField("transition", max_length=40)
    from_state = models.CharField("état de départ", max_length=40)
    to_state = models.CharField("nouvel état", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
        help_text="Vide quand la plateforme l'a fait seule (date de clôture…).",
    )
    comment = models.TextField("commentaire", blank=True)
    created_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return f"{self.content_type} {self.object_id} : {self.from_state} → {self.to_state}"

    @property
    def actor_name(self):
        return str(self.actor) if self.actor else "AidESS (automatique)"
