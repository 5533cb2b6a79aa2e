"""Applications: a structure applies to an aid with its file as it stands, the aid's provider
instructs and decides (issue 13).

`ApplicationTerms` is how an aid takes applications here (its questions, what it requires, its
envelope): it lives in this app because the catalog (`aids`) knows nothing of applications.
The status changes only through `lifecycle.APPLICATION_LIFECYCLE`; money through `decisions`.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus, MessageAuthor
from aidess.applications.storage import private_storage
from aidess.cashflow.models import CashflowPlan
from aidess.core.versioning import Versioned
from aidess.diagnosis.models import Diagnosis
from aidess.organizations.models import Organization
from aidess.structures.models import Structure

POSITIVE = [MinValueValidator(0, "Le montant ne peut pas être négatif.")]


def money(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=POSITIVE, **kwargs
    )


class ApplicationTerms(models.Model):
    """What an aid asks of an applicant beyond the file, and the budget it can commit."""

    aid = models.OneToOneField(Aid, models.CASCADE, related_name="application_terms")
    requires_diagnosis = models.BooleanField("autodiagnostic exigé", default=False)
    requires_cashflow_plan = models.BooleanField("plan de trésorerie exigé", default=False)
    envelope_eur = money("enveloppe votée (€)", null=True, blank=True)
    instructions = models.TextField("consignes aux demandeurs", blank=True)

    class Meta:
        verbose_name = "modalités de demande"
        verbose_name_plural = "modalités de demande"

    def __str__(self):
        return f"Modalités de demande — {self.aid}"


class AidQuestion(models.Model):
    """A question of the aid's own, answered in each application (DS's "champs")."""

    terms = models.ForeignKey(ApplicationTerms, models.CASCADE, related_name="questions")
    label = models.CharField("question", max_length=300)
    help_text = models.CharField("aide à la saisie", max_length=500, blank=True)
    required = models.BooleanField("réponse obligatoire", default=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "question de l'aide"
        verbose_name_plural = "questions de l'aide"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class Label(models.Model):
    """A provider's own tag on applications ("dossier prioritaire", "visite prévue")."""

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="labels")
    name = models.CharField("étiquette", max_length=60)

    class Meta:
        verbose_name = "étiquette"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unique_label_name")
        ]

    def __str__(self):
        return self.name


class Application(Versioned, models.Model):
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="applications")
    aid = models.ForeignKey(Aid, models.PROTECT, related_name="applications")
    status = models.CharField(
        "état",
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    # Given at submission: « 2026-000042 », the SCDL `referenceDecision` once decided.
    reference = models.CharField("numéro", max_length=20, unique=True, null=True, blank=True)
    project_title = models.CharField("intitulé du projet", max_length=250, blank=True)
    project_objectives = models.TextField("objectifs du projet", blank=True)
    project_budget_eur = money("budget total du projet (€)", null=True, blank=True)
    amount_requested_eur = money("montant demandé (€)", null=True, blank=True)
    project_start = models.DateField("début du projet", null=True, blank=True)
    project_end = models.DateField("fin du projet", null=True, blank=True)
    answers = models.JSONField("réponses aux questions de l'aide", default=dict, blank=True)
    # The application file as it stood at submission (`snapshot.py`): later edits of the file
    # do not change a submitted application.
    file_snapshot = models.JSONField("dossier à la date du dépôt", null=True, blank=True)
    diagnosis = models.ForeignKey(
        Diagnosis, models.SET_NULL, null=True, blank=True, verbose_name="autodiagnostic joint"
    )
    cashflow_plan = models.ForeignKey(
        CashflowPlan, models.SET_NULL, null=True, blank=True, verbose_name="plan de trésorerie"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("déposée le", null=True, blank=True)
    # How the applicant's link to the structure stood at submission, in French, for instructors.
    applicant_link = models.CharField("rattachement du demandeur", max_length=300, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        verbose_name="instructeur chargé",
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="followed_applications"
    )
    labels = models.ManyToManyField(Label, blank=True, related_name="applications")
    amount_granted_eur = money("montant accordé (€)", null=True, blank=True)
    decision_conditions = models.TextField("conditions", blank=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when a decision went beyond the aid's envelope: who knowingly did it says why.
    envelope_override_reason = models.CharField(
        "motif du dépassement de l'enveloppe", max_length=300, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("mise à jour", auto_now=True)

    stale_message = (
        "Cette demande a été modifiée par {who} le {day} à {time} pendant que vous la modifiiez."
    )

    class Meta:
        verbose_name = "demande d'aide"
        verbose_name_plural = "demandes d'aide"
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["aid", "status", "-submitted_at"]),
            models.Index(fields=["status", "-submitted_at"]),
            models.Index(fields=["assigned_to", "status"]),
            # The inbox's order: its first page under wide filters reads this index backwards
            # and stops at 50 rows instead of sorting thousands (bench/applications.py).
            models.Index(fields=["-submitted_at", "-id"], name="application_inbox_order"),
            # The inbox's tab counts read this index alone (PostgreSQL: an index-only scan, the
            # rows' pages untouched): 20 → 7 ms for two aids of a region at 100 000 applications.
            models.Index(
                fields=["aid", "status"], include=["structure", "id"], name="application_tab_counts"
            ),
        ]

    def __str__(self):
        title = self.project_title or self.aid.name
        return f"{self.reference} — {title}" if self.reference else title

    def get_absolute_url(self):
        return reverse("applications:application", args=[self.pk])

    def get_status_display(self):  # keeps the label when a status is added later
        return ApplicationStatus(self.status).label


def attachment_path(obj, filename):
    return f"demandes/{obj.application_id}/{filename}"


class SubmittedDocument(models.Model):
    """A document of the file as it was at submission (a copy: the file may replace it later)."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="documents")
    kind = models.CharField("type de document", max_length=20)
    kind_label = models.CharField("type", max_length=100)
    content = models.FileField("fichier", upload_to=attachment_path, storage=private_storage)
    original_name = models.CharField("nom du fichier envoyé", max_length=255)
    content_type = models.CharField("type détecté", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    valid_until = models.DateField("valable jusqu'au", null=True, blank=True)

    class Meta:
        verbose_name = "document déposé"
        verbose_name_plural = "documents déposés"
        ordering = ["kind", "pk"]

    def __str__(self):
        return f"{self.kind_label} ({self.original_name})"


class Message(models.Model):
    """What the applicant and the instructors write to each other; both sides read it."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True)
    side = models.CharField("de la part du", max_length=20, choices=MessageAuthor.choices)
    body = models.TextField("message")
    # A correction request's message carries its reason; the applicant answers it.
    is_correction_request = models.BooleanField(default=False)
    attachment = models.FileField(
        "pièce jointe", upload_to=attachment_path, storage=private_storage, blank=True
    )
    attachment_name = models.CharField(max_length=255, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "message"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message du {self.created_at:%d/%m/%Y} ({self.get_side_display()})"


class Note(models.Model):
    """An instructor's private note: never shown to the applicant, nor in its API."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True)
    body = models.TextField("note")
    created_at = models.DateTimeField("écrite le", auto_now_add=True)

    class Meta:
        verbose_name = "note privée"
        verbose_name_plural = "notes privées"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note du {self.created_at:%d/%m/%Y}"


class Payment(models.Model):
    application = models.ForeignKey(Application, models.PROTECT, related_name="payments")
    paid_on = models.DateField("date du versement")
    amount_eur = money("montant versé (€)")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "versement"
        ordering = ["paid_on", "pk"]

    def __str__(self):
        return f"{self.amount_eur} € le {self.paid_on:%d/%m/%Y}"
