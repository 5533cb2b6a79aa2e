"""Vocabularies of the watch cells (issue 15; seed 001_df822ab46c4d35f1.txt)."""

from django.db import models


class AlertCause(models.TextChoices):
    STATE_FUNDING_CUT = "state_funding_cut", "Baisse ou arrêt d'un financement de l'État"
    LOCAL_FUNDING_CUT = "local_funding_cut", "Baisse ou arrêt d'un financement d'une collectivité"
    LATE_PUBLIC_PAYMENTS = "late_public_payments", "Retards de paiement publics"
    ACTIVITY_LOSS = "activity_loss", "Perte d'activité"
    SOCIAL_TAX_DEBTS = "social_tax_debts", "Dettes sociales ou fiscales"
    COLLECTIVE_PROCEDURE = "collective_procedure", "Procédure collective"
    GOVERNANCE_CRISIS = "governance_crisis", "Crise de gouvernance ou du bénévolat"
    OTHER = "other", "Autre"


class Urgency(models.TextChoices):
    """How soon the cell must act; ordered from the most urgent (`URGENCY_RANK`)."""

    IMMEDIATE = "immediate", "Immédiate (moins de 15 jours)"
    HIGH = "high", "Forte (moins d'un mois)"
    MEDIUM = "medium", "Moyenne (moins de 3 mois)"
    LOW = "low", "Faible"


URGENCY_RANK = {Urgency.IMMEDIATE: 0, Urgency.HIGH: 1, Urgency.MEDIUM: 2, Urgency.LOW: 3}


class AlertSource(models.TextChoices):
    CELL = "cell", "Membre de la cellule"
    SPREADSHEET = "spreadsheet", "Tableur d'un partenaire"
    API = "api", "API (jeton d'une organisation)"
    STRUCTURE = "structure", "La structure elle-même"
    ORIENTATION = "orientation", "Demande d'accompagnement restée sans réponse"
    BODACC = "bodacc", "BODACC (procédure collective publiée)"


class AlertStatus(models.TextChoices):
    NEW = "new", "Nouvelle"
    QUALIFIED = "qualified", "Qualifiée"
    IN_HANDLING = "in_handling", "En traitement"
    ESCALATED = "escalated", "Remontée à la cellule nationale"
    RESOLVED = "resolved", "Résolue"


OPEN_ALERT_STATES = {
    AlertStatus.NEW,
    AlertStatus.QUALIFIED,
    AlertStatus.IN_HANDLING,
    AlertStatus.ESCALATED,
}


class Resolution(models.TextChoices):
    SAVED = "saved", "Structure sauvegardée"
    RESTRUCTURED = "restructured", "Structure restructurée"
    CEASED = "ceased", "Cessation d'activité"
    NO_ACTION = "no_action", "Aucune action nécessaire"


class EscalationReason(models.TextChoices):
    BEYOND_REGIONAL_MEANS = "beyond_regional_means", "Au-delà des moyens régionaux"
    NATIONAL_DECISION = "national_decision", "Décision de financement nationale"
    SEVERAL_REGIONS = "several_regions", "Plusieurs régions concernées"


class NationalResource(models.TextChoices):
    """What the national cell mobilises (seed 001: the schemes it names, catalog slugs)."""

    CONTRAT_APPORT = "contrat-apport-associatif", "Contrat d'apport associatif (France Active)"
    PRET_RELAIS = "pret-relais-solidaire", "Prêt relais solidaire (France Active)"
    DLA_RESTRUCTURATION = "dla-restructuration", "DLA restructuration"


class CollectiveProcedure(models.TextChoices):
    NONE = "none", "Aucune"
    SAFEGUARD = "safeguard", "Sauvegarde"
    RECEIVERSHIP = "receivership", "Redressement judiciaire"
    LIQUIDATION = "liquidation", "Liquidation judiciaire"


class IndicatorKind(models.TextChoices):
    """Dated values partners send per SIRET, each traced to its file."""

    SOCIAL_DEBT_MONTHS = "social_debt_months", "Dette sociale (mois de cotisations, URSSAF)"
    PAYMENT_INCIDENTS = "payment_incidents", "Incidents de paiement (Banque de France)"
    FUNDING_DECISION_EUR = "funding_decision_eur", "Décision de financement (€, Région)"


class RiskLevel(models.TextChoices):
    """The scorecard's levels (`risk.py`), ordered for sorting (`LEVEL_RANK`)."""

    RED = "red", "Rouge"
    ORANGE = "orange", "Orange"
    GREEN = "green", "Vert"
    UNKNOWN = "unknown", "Inconnu"
    CLOSED = "closed", "Fermée"


LEVEL_RANK = {
    RiskLevel.RED: 0,
    RiskLevel.ORANGE: 1,
    RiskLevel.GREEN: 2,
    RiskLevel.UNKNOWN: 3,
    RiskLevel.CLOSED: 4,
}
