"""Sector emergency plans (issue 16): a plan targets structures with the eligibility criteria,
mobilises measures of the catalog (aids and support offers) and, once activated, holds one
follow-up line per structure it targets."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from aidess.aids.models import Aid
from aidess.eligibility.models import TargetingCriteria
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.orientation.models import SupportOffer
from aidess.plans.enums import FollowUpStatus, PlanLevel, PlanStatus
from aidess.structures.models import Structure
from aidess.territories.models import Department, Region


class EmergencyPlan(TargetingCriteria):
    """A national or regional plan. A regional plan lies in one region (optionally some of its
    departments) and may be attached to a national plan; a national plan covers France unless
    it names regions. Its targeting criteria are the eligibility criteria (`TargetingCriteria`),
    its sectors and territory its own."""

    name = models.CharField("nom", max_length=200)
    trigger = models.CharField(
        "déclencheur",
        max_length=300,
        help_text="Ce qui motive le plan, par exemple « baisse des financements IAE 2025 ».",
    )
    description = models.TextField("description", blank=True)
    level = models.CharField("niveau", max_length=10, choices=PlanLevel.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_plans",
        limit_choices_to={"level": PlanLevel.NATIONAL},
        verbose_name="plan national de rattachement",
    )
    cell = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="emergency_plans",
        limit_choices_to={"kind": OrganizationKind.WATCH_CELL},
        verbose_name="cellule qui porte le plan",
    )
    regions = models.ManyToManyField(Region, blank=True, verbose_name="régions", related_name="+")
    departments = models.ManyToManyField(
        Department, blank=True, verbose_name="départements", related_name="+"
    )
    sectors = models.JSONField("secteurs", default=list, blank=True)
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")
    aids = models.ManyToManyField(
        Aid, blank=True, verbose_name="aides mobilisées", related_name="+"
    )
    support_offers = models.ManyToManyField(
        SupportOffer, blank=True, verbose_name="accompagnements mobilisés", related_name="+"
    )
    envelope_eur = models.DecimalField(
        "enveloppe (€)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Une enveloppe ne peut pas être négative.")],
    )
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        verbose_name="organisations associées",
        related_name="associated_plans",
        help_text="Elles suivent les structures du plan avec la cellule.",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, verbose_name="responsables", related_name="+"
    )
    include_followed = models.BooleanField(
        "inclure les structures suivies par la cellule",
        default=True,
        help_text="Les structures que la cellule suit dans le territoire du plan, même si "
        "elles ne remplissent pas tous les critères.",
    )
    status = models.CharField(
        "statut", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    targeted_count = models.PositiveIntegerField("structures ciblées", default=0)
    activated_at = models.DateTimeField("activé le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "plan d'urgence"
        verbose_name_plural = "plans d'urgence"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="plan_period_in_order"
            ),
        ]

    def __str__(self):
        return self.name


class PlanTarget(models.Model):
    """A structure the activated plan targets: its invitation, and the follow-up line the cell
    and the plan's organisations keep (every status change is a `TransitionLog`). Region,
    department, sector and FTE are copied at activation so that the plan's dashboard counts
    without joins, and the FTE are the jobs at risk when the plan started."""

    plan = models.ForeignKey(EmergencyPlan, models.CASCADE, related_name="targets")
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="plan_targets")
    status = models.CharField(
        "suivi", max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.INVITED
    )
    region = models.ForeignKey(Region, models.PROTECT, null=True, blank=True, related_name="+")
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="+"
    )
    sector = models.CharField("secteur", max_length=30, blank=True)
    fte_at_activation = models.DecimalField(
        "ETP à l'activation", max_digits=9, decimal_places=2, null=True, blank=True
    )
    invited_at = models.DateTimeField("invitée le")
    invitation_mailed = models.BooleanField("invitation envoyée par courriel", default=False)
    opened_at = models.DateTimeField("invitation ouverte le", null=True, blank=True)
    needs = models.TextField("besoins identifiés", blank=True)
    helped_with_aid = models.ForeignKey(
        Aid, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="aide"
    )
    helped_with_offer = models.ForeignKey(
        SupportOffer,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="accompagnement",
    )
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "structure ciblée"
        verbose_name_plural = "structures ciblées"
        constraints = [
            models.UniqueConstraint(fields=["plan", "structure"], name="one_target_per_plan"),
        ]
        indexes = [
            models.Index(fields=["plan", "status"], name="plan_target_status"),
            models.Index(fields=["plan", "department"], name="plan_target_department"),
        ]

    def __str__(self):
        return f"{self.structure} — {self.plan}"
