"""Watch cells (issue 15): alerts about structures, their triage, partner indicators, the
structures a cell follows, its comments and meetings, and who read confidential data.

Alerts copy their structure's region, department and sector (`place_from_structure`) and its
risk level (when `StructureRisk` is recomputed): the dashboards count 100 000 alerts by zone
without joining a million structures."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from aidess.organizations.models import Organization
from aidess.orientation.models import HelpRequest
from aidess.structures.models import Structure
from aidess.territories.models import Department, Region
from aidess.watch.enums import (
    OPEN_ALERT_STATES,
    AlertCause,
    AlertSource,
    AlertStatus,
    CollectiveProcedure,
    EscalationReason,
    IndicatorKind,
    Resolution,
    RiskLevel,
    Urgency,
)


class Alert(models.Model):
    structure = models.ForeignKey(
        Structure, models.CASCADE, related_name="alerts", verbose_name="structure"
    )
    cell = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="alerts",
        verbose_name="cellule",
        help_text="La cellule régionale qui la traite (celle de la région de la structure).",
    )
    cause = models.CharField("cause", max_length=30, choices=AlertCause.choices)
    amount_at_stake_eur = models.DecimalField(
        "montant en jeu (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    jobs_at_risk_fte = models.DecimalField(
        "emplois menacés (ETP)", max_digits=8, decimal_places=1, null=True, blank=True
    )
    cash_runs_out_on = models.DateField("trésorerie épuisée le", null=True, blank=True)
    urgency = models.CharField(
        "urgence", max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    source = models.CharField("source", max_length=15, choices=AlertSource.choices)
    source_detail = models.CharField(
        "précision sur la source",
        max_length=300,
        blank=True,
        help_text="Fichier et ligne, jeton, annonce BODACC, partenaire…",
    )
    external_id = models.CharField(
        "identifiant chez l'émetteur",
        max_length=100,
        blank=True,
        help_text="Rend une réimportation ou un nouvel envoi par l'API sans effet.",
    )
    description = models.TextField("description", blank=True, max_length=10000)
    collective_procedure = models.CharField(
        "procédure collective",
        max_length=15,
        choices=CollectiveProcedure.choices,
        blank=True,
        help_text="Pour une alerte de cause « procédure collective » (BODACC, partenaire).",
    )
    is_confidential = models.BooleanField(
        "confidentielle", default=False, help_text="Lue seulement par les membres de la cellule."
    )
    status = models.CharField(
        "état", max_length=15, choices=AlertStatus.choices, default=AlertStatus.NEW
    )
    resolution = models.CharField("issue", max_length=15, choices=Resolution.choices, blank=True)
    escalation_reason = models.CharField(
        "motif de la remontée", max_length=30, choices=EscalationReason.choices, blank=True
    )
    national_resources = models.JSONField("moyens nationaux mobilisés", default=list, blank=True)
    level = models.CharField(
        "niveau de risque de la structure",
        max_length=10,
        choices=RiskLevel.choices,
        default=RiskLevel.UNKNOWN,
        editable=False,
        help_text="Copié de StructureRisk quand il est recalculé, pour compter sans jointure.",
    )
    help_requests = models.ManyToManyField(
        HelpRequest, blank=True, related_name="alerts", verbose_name="orientations"
    )
    region = models.ForeignKey(Region, models.PROTECT, null=True, blank=True, editable=False)
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, editable=False
    )
    sector = models.CharField("secteur", max_length=30, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="signalée par",
    )
    created_at = models.DateTimeField("signalée le", default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "signalement"
        verbose_name_plural = "signalements"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "source", "external_id"],
                condition=~models.Q(external_id=""),
                name="one_alert_per_external_id",
            )
        ]
        indexes = [
            models.Index(fields=["region", "status", "created_at"], name="alert_region_status"),
            models.Index(fields=["department", "status"], name="alert_department_status"),
            models.Index(fields=["structure", "status"], name="alert_structure_status"),
        ]

    def __str__(self):
        return f"Signalement n° {self.pk} — {self.structure}"

    def save(self, *args, **kwargs):
        self.place_from_structure()
        super().save(*args, **kwargs)

    def place_from_structure(self):
        self.region_id = self.structure.region_id
        self.department_id = self.structure.department_id
        self.sector = self.structure.sector

    @property
    def is_open(self):
        return self.status in OPEN_ALERT_STATES


class StructureRisk(models.Model):
    """A structure's risk level and its factors (`risk.assess`), kept for lists and sorting;
    recomputed when what it is made of changes (`knowledge.refresh_risk`)."""

    structure = models.OneToOneField(Structure, models.CASCADE, related_name="risk")
    level = models.CharField("niveau", max_length=10, choices=RiskLevel.choices)
    factors = models.JSONField("facteurs", default=list)
    computed_at = models.DateTimeField("calculé le", default=timezone.now)

    class Meta:
        verbose_name = "niveau de risque"
        verbose_name_plural = "niveaux de risque"
        indexes = [models.Index(fields=["level"], name="structurerisk_level")]

    def __str__(self):
        return f"{self.structure} : {self.get_level_display()}"


class Follow(models.Model):
    """A cell follows a structure; when it stops, it says why and what was done (as Signaux
    Faibles asks)."""

    cell = models.ForeignKey(Organization, models.CASCADE, related_name="follows")
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="follows")
    reason = models.TextField("pourquoi la cellule la suit", max_length=3000)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField("suivie depuis le", default=timezone.now)
    ended_at = models.DateTimeField("suivi arrêté le", null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField("pourquoi le suivi s'arrête", blank=True, max_length=3000)
    actions_taken = models.TextField("actions menées", blank=True, max_length=5000)

    class Meta:
        verbose_name = "structure suivie"
        verbose_name_plural = "structures suivies"
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "structure"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_follow_per_cell",
            )
        ]

    def __str__(self):
        return f"{self.cell} suit {self.structure}"


class Comment(models.Model):
    """The cell's thread about a structure (never shown to the structure)."""

    cell = models.ForeignKey(Organization, models.CASCADE, related_name="watch_comments")
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="watch_comments")
    alert = models.ForeignKey(
        Alert, models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField("commentaire", max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "commentaire de la cellule"
        verbose_name_plural = "commentaires de la cellule"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Commentaire de {self.author} sur {self.structure}"


class ImportBatch(models.Model):
    """One file a partner sent (alerts or indicators), with its row-by-row report."""

    class Kind(models.TextChoices):
        ALERTS = "alerts", "Signalements"
        INDICATORS = "indicators", "Indicateurs"

    cell = models.ForeignKey(Organization, models.CASCADE, related_name="watch_imports")
    kind = models.CharField("contenu", max_length=12, choices=Kind.choices)
    partner = models.CharField("partenaire émetteur", max_length=150)
    file_name = models.CharField("fichier", max_length=255)
    file_sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    rows_created = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_refused = models.PositiveIntegerField(default=0)
    report = models.JSONField("rapport ligne par ligne", default=list)

    class Meta:
        verbose_name = "fichier importé"
        verbose_name_plural = "fichiers importés"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.partner}, {self.uploaded_at:%d/%m/%Y})"


class Indicator(models.Model):
    """A dated value per SIRET from a partner's periodic file, traced to that file."""

    structure = models.ForeignKey(Structure, models.CASCADE, related_name="indicators")
    kind = models.CharField("indicateur", max_length=30, choices=IndicatorKind.choices)
    value = models.DecimalField("valeur", max_digits=14, decimal_places=2)
    observed_on = models.DateField("date de la valeur")
    batch = models.ForeignKey(
        ImportBatch, models.CASCADE, related_name="indicators", verbose_name="fichier"
    )
    row_number = models.PositiveIntegerField("ligne du fichier")

    class Meta:
        verbose_name = "indicateur partenaire"
        verbose_name_plural = "indicateurs partenaires"
        ordering = ["structure", "kind", "-observed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "kind", "observed_on"], name="one_indicator_value_per_date"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.value} au {self.observed_on:%d/%m/%Y}"


class ConfidentialAccess(models.Model):
    """Every view of a structure's confidential watch data: who, when, which page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "consultation de données confidentielles"
        verbose_name_plural = "consultations de données confidentielles"
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.user} a consulté {self.structure} le {self.viewed_at:%d/%m/%Y %H:%M}"


class Meeting(models.Model):
    """A cell meeting: its agenda from the zone's open alerts, a decision per alert, minutes."""

    cell = models.ForeignKey(Organization, models.CASCADE, related_name="watch_meetings")
    held_on = models.DateField("date de la réunion")
    title = models.CharField("intitulé", max_length=200)
    attendees = models.TextField("participants", blank=True, max_length=3000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField("compte rendu arrêté le", null=True, blank=True)

    class Meta:
        verbose_name = "réunion de cellule"
        verbose_name_plural = "réunions de cellule"
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class AgendaItem(models.Model):
    class Why(models.TextChoices):
        NEW = "new", "Nouveau signalement"
        WORSENING = "worsening", "Situation qui s'aggrave"
        UNANSWERED = "unanswered", "Sans réponse"

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="items")
    alert = models.ForeignKey(Alert, models.CASCADE, related_name="agenda_items")
    why = models.CharField("à l'ordre du jour car", max_length=12, choices=Why.choices)
    position = models.PositiveSmallIntegerField(default=0)
    decision = models.TextField("décision", blank=True, max_length=5000)

    class Meta:
        verbose_name = "point de l'ordre du jour"
        verbose_name_plural = "points de l'ordre du jour"
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "alert"], name="one_item_per_alert")
        ]

    def __str__(self):
        return f"{self.meeting} — {self.alert}"
