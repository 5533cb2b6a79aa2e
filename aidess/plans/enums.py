from django.db import models


class PlanLevel(models.TextChoices):
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Régional"


class PlanStatus(models.TextChoices):
    """draft → activating (the task queue creates the outreach) → active → closed."""

    DRAFT = "draft", "En préparation"
    ACTIVATING = "activating", "Activation en cours"
    ACTIVE = "active", "Activé"
    CLOSED = "closed", "Clos"


class FollowUpStatus(models.TextChoices):
    """Where the cell and the plan's organisations stand with one targeted structure."""

    INVITED = "invited", "Invitée"
    CONTACTED = "contacted", "Contactée"
    UNREACHABLE = "unreachable", "Injoignable"
    NEEDS_IDENTIFIED = "needs_identified", "Besoins identifiés"
    HELPED = "helped", "Aidée"
    DECLINED = "declined", "A décliné"


# The lines where the structure has answered (by the invitation or to the cell).
ANSWERED_STATES = {
    FollowUpStatus.NEEDS_IDENTIFIED,
    FollowUpStatus.HELPED,
    FollowUpStatus.DECLINED,
}
