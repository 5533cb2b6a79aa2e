"""ESS structures (associations, cooperatives, mutuals, foundations, ESUS companies) and members."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from aidess.core.versioning import Versioned
from aidess.nomenclatures.models import LegalCategory, LegalForm, NafActivity
from aidess.organizations.models import Organization
from aidess.structures.enums import Confirmation, JoinStatus, Sector, Situation
from aidess.territories.models import Commune, Department, Region

RNA_VALIDATOR = RegexValidator(
    r"^W[0-9A-Z]{9}$", "Le numéro RNA s'écrit W suivi de 9 caractères (ex. W751222623)."
)


class Structure(Versioned, models.Model):
    siret = models.CharField("SIRET", max_length=14, unique=True, null=True, blank=True)
    name = models.CharField("nom", max_length=250)
    legal_category = models.ForeignKey(
        LegalCategory, models.PROTECT, null=True, blank=True, verbose_name="catégorie juridique"
    )
    legal_form = models.CharField(
        "forme juridique", max_length=20, choices=LegalForm.choices, blank=True
    )
    naf_activity = models.ForeignKey(
        NafActivity, models.PROTECT, null=True, blank=True, verbose_name="activité principale"
    )
    sector = models.CharField("secteur", max_length=30, choices=Sector.choices, blank=True)
    commune = models.ForeignKey(
        Commune, models.PROTECT, null=True, blank=True, verbose_name="commune du siège"
    )
    # Copied from the commune on save: territorial permissions filter on them, over millions of rows.
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, editable=False
    )
    region = models.ForeignKey(Region, models.PROTECT, null=True, blank=True, editable=False)
    is_ess = models.BooleanField("structure de l'ESS", default=False)
    rna_number = models.CharField(
        "numéro RNA", max_length=10, blank=True, validators=[RNA_VALIDATOR]
    )
    is_esus = models.BooleanField("agrément ESUS", default=False)
    is_iae = models.BooleanField("structure de l'IAE", default=False)
    employees_fte = models.DecimalField(
        "salariés (ETP)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le nombre d'ETP ne peut pas être négatif.")],
    )
    volunteers = models.PositiveIntegerField("bénévoles", null=True, blank=True)
    annual_budget_eur = models.DecimalField(
        "budget annuel (€)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le budget ne peut pas être négatif.")],
    )
    public_funding_share = models.DecimalField(
        "part des financements publics (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        # "%%": Django formats these messages with the validator's parameters.
        validators=[
            MinValueValidator(
                0, "La part des financements publics est comprise entre 0 et 100 %%."
            ),
            MaxValueValidator(
                100, "La part des financements publics est comprise entre 0 et 100 %%."
            ),
        ],
    )
    creation_date = models.DateField("date de création", null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="StructureMembership",
        through_fields=("structure", "user"),
        related_name="structures",
    )
    situations_declared_at = models.DateTimeField(
        "situation déclarée le", null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    stale_message = (
        "La fiche de cette structure a été modifiée par {who} le {day} à {time} pendant que "
        "vous la modifiiez."
    )

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["region", "sector"]),
            models.Index(fields=["department", "sector"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.siret = self.siret or None
        self.sync_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("structures:detail", args=[self.pk])

    @property
    def siren(self):
        return self.siret[:9] if self.siret else ""

    def sync_derived_fields(self):
        """Department, region and legal form follow from the commune and the legal category."""
        self.department_id = self.commune.department_id if self.commune else None
        self.region_id = self.commune.region_id if self.commune else None
        if self.legal_category:
            self.legal_form = self.legal_category.legal_form


class StructureMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="structure_memberships"
    )
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField("administrateur de la structure", default=False)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # How the person's link to the structure was confirmed (see structures.members).
    confirmation = models.CharField(
        "rattachement", max_length=30, choices=Confirmation.choices, default=Confirmation.FOUNDER
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="rattachement confirmé par",
    )
    confirmed_at = models.DateTimeField("rattachement confirmé le", null=True, blank=True)
    confirming_organization = models.ForeignKey(
        Organization,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="organisme qui a confirmé le rattachement",
    )

    class Meta:
        verbose_name = "membre d'une structure"
        verbose_name_plural = "membres des structures"
        constraints = [
            models.UniqueConstraint(fields=["user", "structure"], name="unique_structure_member")
        ]

    def __str__(self):
        return f"{self.user} — {self.structure}"


class JoinRequest(models.Model):
    """A person asks to join a structure already on AidESS; its administrators decide
    (`structures.members.JOIN_LIFECYCLE`, every transition logged)."""

    structure = models.ForeignKey(Structure, models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="join_requests",
        verbose_name="demandeur",
    )
    message = models.TextField("message aux administrateurs", blank=True, max_length=2000)
    status = models.CharField(
        "état", max_length=20, choices=JoinStatus.choices, default=JoinStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidée par",
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    reason = models.TextField("motif du refus", blank=True)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)

    class Meta:
        verbose_name = "demande de rattachement"
        verbose_name_plural = "demandes de rattachement"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]
        indexes = [models.Index(fields=["structure", "status"])]

    def __str__(self):
        return f"{self.user} → {self.structure}"


class StructureSituation(models.Model):
    """A difficulty the structure declared (self-diagnosis); aids may require one of them.

    No row and no `situations_declared_at` means "not declared", which eligibility treats as
    unknown rather than as "no difficulty".
    """

    structure = models.ForeignKey(Structure, models.CASCADE, related_name="situations")
    situation = models.CharField("situation", max_length=30, choices=Situation.choices)

    class Meta:
        verbose_name = "situation déclarée"
        verbose_name_plural = "situations déclarées"
        constraints = [
            models.UniqueConstraint(fields=["structure", "situation"], name="unique_situation")
        ]
        indexes = [models.Index(fields=["situation", "structure"])]

    def __str__(self):
        return self.get_situation_display()
