"""What the imports keep so that a second run of the same file changes nothing, and the
testimonies the structures agree to publish."""

from django.conf import settings
from django.db import models

from aidess.aids.models import Aid
from aidess.applications.models import Application
from aidess.plans.models import EmergencyPlan
from aidess.structures.models import Structure


class ImportedDecision(models.Model):
    """A granted decision imported from an SCDL file: its key (the attributor's SIRET and the
    `referenceDecision`, or attributor + beneficiary + date + amount) finds it again."""

    application = models.OneToOneField(
        Application, models.CASCADE, related_name="imported_decision"
    )
    key = models.CharField("clé de la décision", max_length=300, unique=True)
    source = models.CharField("fichier importé", max_length=255, blank=True)
    imported_at = models.DateTimeField("importée le", auto_now_add=True)

    class Meta:
        verbose_name = "décision importée"
        verbose_name_plural = "décisions importées"

    def __str__(self):
        return self.key


class Testimony(models.Model):
    """A quote of a helped structure for the reviews (the DSESS review published some): written
    by one of its members, or recorded by a watch agent who states how the structure agreed.
    Only a quote whose consent stands appears in a review; the structure may withdraw it."""

    structure = models.ForeignKey(
        Structure, models.CASCADE, related_name="testimonies", verbose_name="structure"
    )
    aid = models.ForeignKey(
        Aid, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="aide"
    )
    plan = models.ForeignKey(
        EmergencyPlan,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="plan d'urgence",
    )
    quote = models.TextField("témoignage", max_length=2000)
    author_name = models.CharField(
        "nom sous lequel l'auteur accepte d'être cité",
        max_length=150,
        help_text="Par exemple « Claire M. » ou « la présidente » : ce qui sera publié.",
    )
    author_role = models.CharField("fonction", max_length=150, blank=True)
    consent_to_publish = models.BooleanField("accord pour publier", default=False)
    consented_at = models.DateTimeField("accord donné le", null=True, blank=True)
    withdrawn_at = models.DateTimeField("accord retiré le", null=True, blank=True)
    consent_statement = models.TextField(
        "comment l'accord a été recueilli",
        blank=True,
        max_length=1000,
        help_text="Quand un agent enregistre le témoignage pour la structure.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="enregistré par",
    )
    on_behalf = models.BooleanField("enregistré par une cellule de veille", default=False)
    created_at = models.DateTimeField("écrit le", auto_now_add=True)

    class Meta:
        verbose_name = "témoignage"
        verbose_name_plural = "témoignages"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Témoignage de {self.author_name} ({self.structure})"

    @property
    def is_published(self):
        return self.consent_to_publish and self.withdrawn_at is None
