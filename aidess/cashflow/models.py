"""A structure's saved cash-flow plans (lines hold one amount per month)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from aidess.cashflow.arithmetic import Line, Plan, compute
from aidess.history.bulk import create_logged
from aidess.structures.models import Structure

DEFAULT_MONTHS = 3
MAX_PLAN_MONTHS = 12


class LineKind(models.TextChoices):
    RECEIPT = "receipt", "Encaissement"
    EXPENSE = "expense", "Décaissement"


class LineCategory(models.TextChoices):
    SALES = "sales", "Ventes et prestations"
    SUBSIDY = "subsidy", "Subvention publique"
    DONATIONS = "donations", "Dons et cotisations"
    LOANS_RECEIVED = "loans_received", "Emprunts reçus"
    OTHER_RECEIPT = "other_receipt", "Autres encaissements"
    SALARIES = "salaries", "Salaires"
    SOCIAL_CHARGES = "social_charges", "Charges sociales"
    RENT = "rent", "Loyer"
    SUPPLIERS = "suppliers", "Fournisseurs"
    LOAN_REPAYMENTS = "loan_repayments", "Remboursements d'emprunts"
    TAXES = "taxes", "Impôts et taxes"
    OTHER_EXPENSE = "other_expense", "Autres décaissements"


DEFAULT_LINES = [
    (LineKind.RECEIPT, LineCategory.SALES, "Ventes et prestations"),
    (LineKind.RECEIPT, LineCategory.SUBSIDY, "Subvention — État"),
    (LineKind.RECEIPT, LineCategory.SUBSIDY, "Subvention — Région"),
    (LineKind.RECEIPT, LineCategory.SUBSIDY, "Subvention — Département"),
    (LineKind.RECEIPT, LineCategory.SUBSIDY, "Subvention — Commune / EPCI"),
    (LineKind.RECEIPT, LineCategory.DONATIONS, "Dons et cotisations"),
    (LineKind.RECEIPT, LineCategory.LOANS_RECEIVED, "Emprunts reçus"),
    (LineKind.RECEIPT, LineCategory.OTHER_RECEIPT, "Autres encaissements"),
    (LineKind.EXPENSE, LineCategory.SALARIES, "Salaires"),
    (LineKind.EXPENSE, LineCategory.SOCIAL_CHARGES, "Charges sociales"),
    (LineKind.EXPENSE, LineCategory.RENT, "Loyer"),
    (LineKind.EXPENSE, LineCategory.SUPPLIERS, "Fournisseurs"),
    (LineKind.EXPENSE, LineCategory.LOAN_REPAYMENTS, "Remboursements d'emprunts"),
    (LineKind.EXPENSE, LineCategory.TAXES, "Impôts et taxes"),
    (LineKind.EXPENSE, LineCategory.OTHER_EXPENSE, "Autres décaissements"),
]


class CashflowPlan(models.Model):
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="cashflow_plans")
    title = models.CharField("titre", max_length=120, default="Plan de trésorerie")
    start = models.DateField("premier mois")
    months = models.PositiveSmallIntegerField("nombre de mois", default=DEFAULT_MONTHS)
    opening_balance = models.DecimalField(
        "solde de trésorerie en début de période (€)", max_digits=14, decimal_places=2, default=0
    )
    aid_simulation_eur = models.DecimalField(
        "aide simulée (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "plan de trésorerie"
        verbose_name_plural = "plans de trésorerie"
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__day=1),
                name="cashflow_plan_starts_on_first",
                violation_error_message="Un plan commence le 1er d'un mois.",
            ),
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=MAX_PLAN_MONTHS),
                name="cashflow_plan_months_1_to_12",
                violation_error_message=f"Un plan dure de 1 à {MAX_PLAN_MONTHS} mois.",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.structure}"

    def get_absolute_url(self):
        return reverse("cashflow:detail", args=[self.structure_id, self.pk])

    @classmethod
    def create_blank(cls, structure, user, start=None, months=DEFAULT_MONTHS):
        today = datetime.date.today()
        plan = cls.objects.create(
            structure=structure,
            created_by=user,
            start=start or today.replace(day=1),
            months=months,
        )
        create_logged(
            CashflowLine,
            [
                CashflowLine(
                    plan=plan,
                    kind=kind,
                    category=category,
                    label=label,
                    position=position,
                    amounts=["0.00"] * months,
                )
                for position, (kind, category, label) in enumerate(DEFAULT_LINES)
            ],
        )
        return plan

    def as_plan(self):
        """The arithmetic's view of this plan (lines prefetched or fetched)."""
        lines = list(self.lines.all())

        def of(kind):
            return tuple(
                Line(line.label, tuple(Decimal(a) for a in line.amounts[: self.months]))
                for line in lines
                if line.kind == kind
            )

        return Plan(
            self.start.year,
            self.start.month,
            self.opening_balance,
            of(LineKind.RECEIPT),
            of(LineKind.EXPENSE),
            self.months,
        )

    def result(self):
        return compute(self.as_plan())


class CashflowLine(models.Model):
    plan = models.ForeignKey(CashflowPlan, models.CASCADE, related_name="lines")
    kind = models.CharField("sens", max_length=10, choices=LineKind.choices)
    category = models.CharField("catégorie", max_length=20, choices=LineCategory.choices)
    label = models.CharField("libellé", max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    amounts = models.JSONField("montants mensuels", default=list)  # decimal strings, "1250.00"

    class Meta:
        verbose_name = "ligne de trésorerie"
        verbose_name_plural = "lignes de trésorerie"
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.label
