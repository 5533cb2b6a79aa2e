"""Exports built in the background: a ZIP of a selection's files, kept privately for the person
who asked, for `EXPORT_DAYS` days (`tasks.purge_expired_exports`)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from aidess.applications.storage import private_storage

EXPORT_DAYS = 7


class ExportState(models.TextChoices):
    RUNNING = "en_cours", "En cours"
    READY = "pret", "Prêt"
    FAILED = "echec", "Échec"


class ExportKind(models.TextChoices):
    ZIP = "zip", "Dossiers et pièces (ZIP)"


def export_path(job, filename):
    return f"exports/{job.requested_by_id}/{filename}"


class ExportJob(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField("type", max_length=10, choices=ExportKind.choices)
    # Checked again when the file is built: a person who lost access meanwhile gets nothing more.
    application_ids = models.JSONField("demandes", default=list)
    ignored = models.PositiveIntegerField("demandes ignorées (hors périmètre)", default=0)
    state = models.CharField(
        "état", max_length=10, choices=ExportState.choices, default=ExportState.RUNNING
    )
    file = models.FileField("fichier", upload_to=export_path, storage=private_storage, blank=True)
    size = models.PositiveBigIntegerField("taille (octets)", null=True, blank=True)
    error = models.CharField("erreur", max_length=300, blank=True)
    created_at = models.DateTimeField("demandé le", default=timezone.now)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    expires_at = models.DateTimeField("disponible jusqu'au", blank=True)

    class Meta:
        verbose_name = "export"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} du {timezone.localtime(self.created_at):%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + datetime.timedelta(days=EXPORT_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_downloadable(self):
        return self.state == ExportState.READY and bool(self.file) and not self.is_expired

    @property
    def count(self):
        return len(self.application_ids)
