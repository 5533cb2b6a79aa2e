from django.db import models


class OrganizationKind(models.TextChoices):
    """The partner organisations of AidESS; each kind gives its members one role."""

    SUPPORT = "support", "Organisme d'accompagnement (DLA, France Active, CRESS…)"
    PROVIDER = "provider", "Financeur / instructeur d'aides"
    WATCH_CELL = "watch_cell", "Cellule de veille"


class Role(models.TextChoices):
    STRUCTURE_MEMBER = "structure_member", "Membre d'une structure"
    ADVISOR = "advisor", "Accompagnateur"
    PROVIDER = "provider", "Financeur / instructeur"
    WATCH_AGENT = "watch_agent", "Agent de veille"
    ADMIN = "admin", "Administrateur"


ROLE_OF_KIND = {
    OrganizationKind.SUPPORT: Role.ADVISOR,
    OrganizationKind.PROVIDER: Role.PROVIDER,
    OrganizationKind.WATCH_CELL: Role.WATCH_AGENT,
}


class ScopeLevel(models.TextChoices):
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Régions"
    DEPARTMENTAL = "departmental", "Départements"


ALLOWED_SCOPES = {
    OrganizationKind.SUPPORT: {ScopeLevel.NATIONAL, ScopeLevel.REGIONAL, ScopeLevel.DEPARTMENTAL},
    OrganizationKind.PROVIDER: {ScopeLevel.NATIONAL, ScopeLevel.REGIONAL, ScopeLevel.DEPARTMENTAL},
    OrganizationKind.WATCH_CELL: {ScopeLevel.NATIONAL, ScopeLevel.REGIONAL},
}

# A watch cell's membership lasts six months unless renewed (issue 15, as Signaux Faibles does).
WATCH_MEMBERSHIP_DAYS = 183
