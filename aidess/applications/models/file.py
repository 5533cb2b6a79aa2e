"""The structure's application file: filled once, reused by every application (issue 13).

Identity is the structure's profile (`Structure`), shown, never copied. The file adds what a
subsidy form asks beyond it: representative and contact, human means, budgets by CERFA 12156
accounts, agréments and documents with their validity.
"""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from aidess.applications import chart
from aidess.applications.checklist import add_months, checklist
from aidess.applications.enums import (
    REQUIRED_DOCUMENTS,
    VALIDITY_MONTHS,
    Account,
    AgrementKind,
    DocumentKind,
    Section,
    YearKind,
)
from aidess.applications.storage import private_storage
from aidess.applications.uploads import NAMES
from aidess.structures.models import Structure

NOT_NEGATIVE = "Le nombre ne peut pas être négatif."


class ApplicationFile(models.Model):
    structure = models.OneToOneField(
        Structure, models.CASCADE, related_name="application_file", verbose_name="structure"
    )
    representative_name = models.CharField("nom et prénom", max_length=150, blank=True)
    representative_role = models.CharField("qualité (ex. président)", max_length=100, blank=True)
    representative_email = models.EmailField("adresse e-mail", blank=True)
    representative_phone = models.CharField("téléphone", max_length=30, blank=True)
    contact_name = models.CharField("nom et prénom", max_length=150, blank=True)
    contact_role = models.CharField("fonction", max_length=100, blank=True)
    contact_email = models.EmailField("adresse e-mail", blank=True)
    contact_phone = models.CharField("téléphone", max_length=30, blank=True)
    members_count = models.PositiveIntegerField("adhérents", null=True, blank=True)
    volunteers = models.PositiveIntegerField("bénévoles", null=True, blank=True)
    employees = models.PositiveIntegerField("salariés", null=True, blank=True)
    employees_fte = models.DecimalField(
        "salariés en équivalent temps plein (ETP)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le nombre d'ETP ne peut pas être négatif.")],
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "dossier de demande"
        verbose_name_plural = "dossiers de demande"

    def __str__(self):
        return f"Dossier de {self.structure}"

    def sections_filled(self):
        """(label, filled) of the parts every funder asks for, beside the documents."""
        kinds = set(self.budget_lines.values_list("year_kind", flat=True))
        return [
            ("Représentant légal", bool(self.representative_name and self.representative_email)),
            ("Budget réalisé N-1", YearKind.ACTUAL in kinds),
            ("Budget prévisionnel", YearKind.FORECAST in kinds),
        ]

    def budget_totals(self, year_kind):
        return chart.totals(
            (line.account, line.amount, line.label)
            for line in self.budget_lines.all()
            if line.year_kind == year_kind
        )

    def document_checklist(self, today=None):
        return checklist(
            [(kind.value, kind.label) for kind in REQUIRED_DOCUMENTS],
            [(document.kind, document.valid_until) for document in self.documents.all()],
            today or datetime.date.today(),
        )


class BudgetLine(models.Model):
    """An amount of a CERFA 12156 account for the last closed year or the forecast; a line 74
    names its funder in `label`."""

    file = models.ForeignKey(ApplicationFile, models.CASCADE, related_name="budget_lines")
    year_kind = models.CharField("exercice", max_length=20, choices=YearKind.choices)
    section = models.CharField(max_length=30, choices=Section.choices, editable=False)
    account = models.CharField("compte", max_length=2, choices=Account.choices)
    label = models.CharField("précision (financeur pour le compte 74)", max_length=150, blank=True)
    amount = models.DecimalField(
        "montant (€)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0, "Le montant ne peut pas être négatif.")],
    )

    class Meta:
        verbose_name = "ligne de budget"
        verbose_name_plural = "lignes de budget"
        ordering = ["year_kind", "account", "pk"]

    def __str__(self):
        return f"{self.account} {self.label} : {self.amount}"

    def save(self, *args, **kwargs):
        self.section = chart.section_of(self.account)
        super().save(*args, **kwargs)


class Agrement(models.Model):
    file = models.ForeignKey(ApplicationFile, models.CASCADE, related_name="agrements")
    kind = models.CharField("type d'agrément", max_length=30, choices=AgrementKind.choices)
    number = models.CharField("numéro", max_length=60, blank=True)
    granted_on = models.DateField("date d'obtention", null=True, blank=True)
    authority = models.CharField("autorité qui l'a délivré", max_length=150, blank=True)

    class Meta:
        verbose_name = "agrément"
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.get_kind_display()


def document_path(document, filename):
    """Named by the structure and the detected type; the name typed by the sender is kept apart."""
    return f"dossiers/{document.file.structure_id}/{document.kind}-{filename}"


class Document(models.Model):
    file = models.ForeignKey(ApplicationFile, models.CASCADE, related_name="documents")
    kind = models.CharField("type de document", max_length=20, choices=DocumentKind.choices)
    content = models.FileField("fichier", upload_to=document_path, storage=private_storage)
    original_name = models.CharField("nom du fichier envoyé", max_length=255)
    content_type = models.CharField("type détecté", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    valid_until = models.DateField("valable jusqu'au", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "document"
        ordering = ["kind", "-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.original_name})"

    @property
    def type_name(self):
        """What the content was recognised as: « PDF », « image JPEG »…"""
        return NAMES.get(self.content_type, self.content_type)


def default_validity(kind, uploaded_on):
    """When a document of `kind` sent on `uploaded_on` goes out of date, None if it does not."""
    months = VALIDITY_MONTHS.get(kind)
    return add_months(uploaded_on, months) if months else None
