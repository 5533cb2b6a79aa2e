"""What the imports keep so that a second run of the same file changes nothing."""

from django.db import models

from aidess.applications.models import Application


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
