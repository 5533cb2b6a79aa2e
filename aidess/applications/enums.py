from django.db import models

from aidess.applications import chart


class YearKind(models.TextChoices):
    ACTUAL = "realise", "Réalisé N-1"
    FORECAST = "previsionnel", "Prévisionnel"


# How a sentence names each budget: « Modifier le budget réalisé N-1 ».
BUDGET_NAMES = {YearKind.ACTUAL: "budget réalisé N-1", YearKind.FORECAST: "budget prévisionnel"}


class Section(models.TextChoices):
    CHARGES = chart.CHARGES, "Charges"
    PRODUCTS = chart.PRODUCTS, "Produits"
    CONTRIBUTIONS_USED = chart.CONTRIBUTIONS_USED, "Emplois des contributions volontaires"
    CONTRIBUTIONS_GIVEN = chart.CONTRIBUTIONS_GIVEN, "Contributions volontaires en nature"


Account = models.TextChoices(
    "Account", [(code, (code, f"{code} — {label}")) for code, label in chart.ACCOUNTS.items()]
)


class DocumentKind(models.TextChoices):
    STATUTES = "statuts", "Statuts"
    OFFICERS = "dirigeants", "Liste des dirigeants"
    BANK_DETAILS = "rib", "RIB"
    ACCOUNTS = "comptes", "Derniers comptes approuvés"
    ACTIVITY_REPORT = "rapport", "Rapport d'activité"
    OTHER = "autre", "Autre document"


# The documents every file should hold (the checklist); "other" is optional.
REQUIRED_DOCUMENTS = [kind for kind in DocumentKind if kind != DocumentKind.OTHER]

# Default validity in months from the upload, for kinds that go out of date; the others (statutes,
# bank details) stay valid until replaced.
VALIDITY_MONTHS = {
    DocumentKind.ACCOUNTS: 18,
    DocumentKind.ACTIVITY_REPORT: 18,
    DocumentKind.OFFICERS: 12,
}


class AgrementKind(models.TextChoices):
    ESUS = "esus", "Entreprise solidaire d'utilité sociale (ESUS)"
    JEP = "jep", "Jeunesse et éducation populaire"
    SPORT = "sport", "Sport"
    CIVIC_SERVICE = "service_civique", "Service civique"
    IAE = "iae", "Insertion par l'activité économique"
    PUBLIC_UTILITY = "rup", "Reconnaissance d'utilité publique"
    OTHER = "autre", "Autre agrément"


class ApplicationStatus(models.TextChoices):
    """The states of an application (issue 13), as Démarches Simplifiées names them."""

    DRAFT = "brouillon", "Brouillon"
    SUBMITTED = "deposee", "Déposée"
    INSTRUCTION = "en_instruction", "En instruction"
    CORRECTION = "a_corriger", "Correction demandée"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"
    CLOSED = "sans_suite", "Classée sans suite"
    WITHDRAWN = "retiree", "Retirée par le demandeur"


# Decided: the instructor has answered; reopening brings the file back to instruction.
DECIDED_STATUSES = (
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.REFUSED,
    ApplicationStatus.CLOSED,
)
# Waiting for the instructor (the inbox's "à traiter").
OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.INSTRUCTION,
    ApplicationStatus.CORRECTION,
)


class MessageAuthor(models.TextChoices):
    APPLICANT = "demandeur", "Demandeur"
    INSTRUCTOR = "instructeur", "Instructeur"
