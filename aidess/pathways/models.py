"""The DLA pathway (issue 14; seed 004_67f79366cd653dad.txt): once a DLA officer takes a request,
five dated steps — welcome, shared diagnosis (validated by the structure's leaders), building the
pathway (prioritised areas of change and their actions), coordination, follow-up and
consolidation (effects recorded). Individual or collective, from 2 months to 2 years."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from aidess.aids.enums import Need
from aidess.applications.storage import private_storage
from aidess.organizations.models import Organization
from aidess.orientation.models import Recipient
from aidess.pathways.enums import ActionKind, ActionStatus, PathwayKind, PathwayStatus, Step
from aidess.structures.models import Structure

MIN_MONTHS, MAX_MONTHS = 2, 24


class Pathway(models.Model):
    structure = models.ForeignKey(
        Structure, models.CASCADE, related_name="pathways", verbose_name="structure"
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="pathways", verbose_name="DLA"
    )
    recipient = models.OneToOneField(
        Recipient,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="pathway",
        verbose_name="demande d'origine",
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="chargé(e) de mission",
    )
    kind = models.CharField(
        "type", max_length=12, choices=PathwayKind.choices, default=PathwayKind.INDIVIDUAL
    )
    status = models.CharField(
        "état", max_length=12, choices=PathwayStatus.choices, default=PathwayStatus.ACTIVE
    )
    current_step = models.CharField(
        "étape en cours", max_length=15, choices=Step.choices, default=Step.WELCOME
    )
    started_on = models.DateField("début", default=timezone.localdate)
    planned_end_on = models.DateField("fin prévue", null=True, blank=True)
    ended_on = models.DateField("fin", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "parcours DLA"
        verbose_name_plural = "parcours DLA"
        ordering = ["-started_on", "-pk"]

    def __str__(self):
        return f"Parcours DLA — {self.structure}"


class PathwayStep(models.Model):
    """One of the five steps of a pathway, dated, with what was done."""

    pathway = models.ForeignKey(Pathway, models.CASCADE, related_name="steps")
    step = models.CharField("étape", max_length=15, choices=Step.choices)
    started_on = models.DateField("commencée le", null=True, blank=True)
    completed_on = models.DateField("terminée le", null=True, blank=True)
    notes = models.TextField("ce qui a été fait", blank=True, max_length=10000)

    class Meta:
        verbose_name = "étape du parcours"
        verbose_name_plural = "étapes du parcours"
        ordering = ["pathway", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "step"], name="one_row_per_pathway_step")
        ]

    def __str__(self):
        return f"{self.get_step_display()} — {self.pathway}"


class SharedDiagnosis(models.Model):
    """The shared diagnosis's conclusions, which the structure's leaders validate in AidESS."""

    pathway = models.OneToOneField(Pathway, models.CASCADE, related_name="diagnosis")
    strengths = models.TextField("points forts", blank=True, max_length=5000)
    weaknesses = models.TextField("fragilités", blank=True, max_length=5000)
    conclusions = models.TextField("conclusions et priorités", max_length=10000)
    submitted_at = models.DateTimeField("soumis à la structure le", null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="validé par",
    )
    validated_at = models.DateTimeField("validé le", null=True, blank=True)
    structure_comment = models.TextField("remarques de la structure", blank=True, max_length=5000)

    class Meta:
        verbose_name = "diagnostic partagé"
        verbose_name_plural = "diagnostics partagés"

    def __str__(self):
        return f"Diagnostic partagé — {self.pathway}"

    @property
    def is_validated(self):
        return self.validated_at is not None


class AreaOfChange(models.Model):
    """A prioritised area where the structure will change (axe de progrès)."""

    pathway = models.ForeignKey(Pathway, models.CASCADE, related_name="areas")
    priority = models.PositiveSmallIntegerField("priorité", default=1)
    title = models.CharField("axe de progrès", max_length=200)
    description = models.TextField("description", blank=True, max_length=5000)

    class Meta:
        verbose_name = "axe de progrès"
        verbose_name_plural = "axes de progrès"
        ordering = ["pathway", "priority", "pk"]

    def __str__(self):
        return self.title


class CollectiveAction(models.Model):
    """An action a DLA runs for several structures at once (the pathways join it)."""

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="collective_actions", verbose_name="DLA"
    )
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True, max_length=5000)
    consultant = models.CharField("prestataire", max_length=200, blank=True)
    budget_eur = models.DecimalField(
        "budget (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField("début", null=True, blank=True)
    ends_on = models.DateField("fin", null=True, blank=True)

    class Meta:
        verbose_name = "action collective"
        verbose_name_plural = "actions collectives"
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title


class PathwayAction(models.Model):
    pathway = models.ForeignKey(Pathway, models.CASCADE, related_name="actions")
    area = models.ForeignKey(
        AreaOfChange,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="axe de progrès",
    )
    kind = models.CharField("porteur", max_length=12, choices=ActionKind.choices)
    title = models.CharField("action", max_length=200)
    actor = models.CharField(
        "acteur ou prestataire", max_length=200, blank=True, help_text="Qui la conduit."
    )
    budget_eur = models.DecimalField(
        "budget (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField("début", null=True, blank=True)
    ends_on = models.DateField("fin", null=True, blank=True)
    status = models.CharField(
        "état", max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    collective = models.ForeignKey(
        CollectiveAction,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="pathway_actions",
        verbose_name="action collective",
    )

    class Meta:
        verbose_name = "action du parcours"
        verbose_name_plural = "actions du parcours"
        ordering = ["pathway", "starts_on", "pk"]

    def __str__(self):
        return self.title


def pathway_document_path(document, filename):
    return f"pathways/{document.pathway_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class PathwayDocument(models.Model):
    pathway = models.ForeignKey(Pathway, models.CASCADE, related_name="documents")
    step = models.CharField("étape", max_length=15, choices=Step.choices)
    title = models.CharField("titre", max_length=200)
    content = models.FileField("fichier", upload_to=pathway_document_path, storage=private_storage)
    original_name = models.CharField("nom du fichier envoyé", max_length=255)
    content_type = models.CharField("type détecté", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "document du parcours"
        verbose_name_plural = "documents du parcours"
        ordering = ["pathway", "uploaded_at"]

    def __str__(self):
        return self.title


class Effect(models.Model):
    """What the pathway changed, recorded at follow-up (jobs, new needs)."""

    pathway = models.ForeignKey(Pathway, models.CASCADE, related_name="effects")
    recorded_on = models.DateField("constaté le", default=timezone.localdate)
    jobs_consolidated = models.DecimalField(
        "emplois consolidés (ETP)", max_digits=6, decimal_places=1, default=0
    )
    jobs_created = models.DecimalField(
        "emplois créés (ETP)", max_digits=6, decimal_places=1, default=0
    )
    new_needs = models.JSONField("nouveaux besoins", default=list, blank=True)
    notes = models.TextField("observations", blank=True, max_length=5000)

    class Meta:
        verbose_name = "effet du parcours"
        verbose_name_plural = "effets du parcours"
        ordering = ["pathway", "recorded_on"]

    def __str__(self):
        return f"Effets au {self.recorded_on:%d/%m/%Y} — {self.pathway}"

    def need_labels(self):
        return [Need(need).label for need in self.new_needs if need in Need.values]
