"""Partner organisations (support, aid providers, watch cells), their territory and members."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from aidess.organizations.enums import (
    ALLOWED_SCOPES,
    ROLE_OF_KIND,
    WATCH_MEMBERSHIP_DAYS,
    OrganizationKind,
    ScopeLevel,
)
from aidess.organizations.scopes import TerritorialScope
from aidess.territories.models import Department, Region


class Organization(models.Model):
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=20, choices=OrganizationKind.choices)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Une organisation inactive n'est plus proposée comme porteur ni comme "
        "cofinanceur d'une aide.",
    )
    scope_level = models.CharField("périmètre", max_length=20, choices=ScopeLevel.choices)
    regions = models.ManyToManyField(Region, blank=True, verbose_name="régions couvertes")
    departments = models.ManyToManyField(
        Department, blank=True, verbose_name="départements couverts"
    )
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="tête de réseau",
        help_text="Ses membres suivent les demandes reçues par cette organisation (un DLA "
        "régional pour les DLA départementaux, une région France Active…).",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OrganizationMembership", related_name="organizations"
    )

    class Meta:
        verbose_name = "organisation partenaire"
        verbose_name_plural = "organisations partenaires"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def role(self):
        return ROLE_OF_KIND[self.kind]

    def clean(self):
        allowed = ALLOWED_SCOPES.get(self.kind, set())
        if self.kind and self.scope_level and self.scope_level not in allowed:
            labels = ", ".join(ScopeLevel(level).label.lower() for level in sorted(allowed))
            raise ValidationError(
                {"scope_level": f"Ce type d'organisation a un périmètre parmi : {labels}."}
            )

    def territorial_scope(self):
        """Regions and departments are read from the M2M tables (prefetch them for lists)."""
        if self.scope_level == ScopeLevel.NATIONAL:
            return TerritorialScope(national=True)
        if self.scope_level == ScopeLevel.REGIONAL:
            return TerritorialScope(region_codes=frozenset(r.code for r in self.regions.all()))
        return TerritorialScope(department_codes=frozenset(d.code for d in self.departments.all()))


class OrganizationMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="organization_memberships"
    )
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField("administrateur de l'organisation", default=False)
    is_active = models.BooleanField("active", default=True)
    expires_on = models.DateField(
        "expire le",
        null=True,
        blank=True,
        help_text="Après cette date, l'appartenance ne donne plus accès (cellules de veille : "
        "6 mois, sauf renouvellement).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "appartenance à une organisation"
        verbose_name_plural = "appartenances à une organisation"
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_org_membership")
        ]

    def __str__(self):
        return f"{self.user} — {self.organization}"

    def save(self, *args, **kwargs):
        """A new watch cell membership lasts six months unless renewed (`renew`)."""
        new = self._state.adding and self.expires_on is None
        if new and self.organization.kind == OrganizationKind.WATCH_CELL:
            self.expires_on = watch_membership_end(timezone.localdate())
        super().save(*args, **kwargs)

    def renew(self, today=None):
        self.expires_on = watch_membership_end(today or timezone.localdate())
        self.save(update_fields=["expires_on"])


def watch_membership_end(day):
    """Six months after `day` (the watch cells' access, as Signaux Faibles limits it)."""
    return day + datetime.timedelta(days=WATCH_MEMBERSHIP_DAYS)


class ApiToken(models.Model):
    """An organisation's access to the API (`Authorization: Bearer aidess_<prefix>_<secret>`):
    the secret is shown once at creation, only its SHA-256 is kept (`tokens.py`)."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="api_tokens", verbose_name="organisation"
    )
    name = models.CharField(
        "nom", max_length=100, help_text="À quoi il sert, ex. « Logiciel d'instruction »."
    )
    prefix = models.CharField("préfixe", max_length=16, unique=True, editable=False)
    secret_hash = models.CharField("empreinte SHA-256", max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="créé par",
        help_text="Les actions faites avec le jeton sont enregistrées à son nom.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="révoqué par",
    )

    class Meta:
        verbose_name = "jeton d'accès à l'API"
        verbose_name_plural = "jetons d'accès à l'API"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None
