"""Self-diagnoses of a structure (kept as a dated history) and its consent to share them."""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from aidess.diagnosis.assessment import assess
from aidess.history.bulk import create_logged
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.structures.models import Structure, StructureSituation

STEP_COUNT = 5  # len(diagnosis.steps.STEPS), kept here so that models do not import forms


class SharingConsent(models.Model):
    """A structure lets one support organisation read its diagnoses and cash-flow plans.

    Explicit and revocable: revoking sets `revoked_at`; the row stays as a record of consent.
    """

    structure = models.ForeignKey(Structure, models.CASCADE, related_name="sharing_consents")
    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        related_name="sharing_consents",
        limit_choices_to={"kind": OrganizationKind.SUPPORT},
        verbose_name="organisme d'accompagnement",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "consentement de partage"
        verbose_name_plural = "consentements de partage"
        ordering = ["-granted_at"]
        constraints = [
            # One "Retirer le partage" must end the sharing: never two active consents.
            models.UniqueConstraint(
                fields=["structure", "organization"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_consent_per_organization",
                violation_error_message="Ce partage avec cet organisme est déjà actif.",
            )
        ]

    def __str__(self):
        return f"{self.structure} → {self.organization}"

    @classmethod
    def grant(cls, structure, organization, user):
        """The active consent, created unless one exists (sharing twice changes nothing)."""
        consent, _ = cls.objects.get_or_create(
            structure=structure,
            organization=organization,
            revoked_at=None,
            defaults={"granted_by": user},
        )
        return consent

    @property
    def is_active(self):
        return self.revoked_at is None


class Diagnosis(models.Model):
    structure = models.ForeignKey(Structure, models.CASCADE, related_name="diagnoses")
    answers = models.JSONField("réponses", default=dict)
    step = models.PositiveSmallIntegerField("dernière étape enregistrée", default=0)
    completed_at = models.DateTimeField("terminé le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "autodiagnostic"
        verbose_name_plural = "autodiagnostics"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Autodiagnostic du {self.created_at:%d/%m/%Y} — {self.structure}"

    def get_absolute_url(self):
        return reverse("diagnosis:result", args=[self.structure_id, self.pk])

    @property
    def next_step(self):
        """Where to resume: the first step not yet saved."""
        from_steps = self.step + 1
        return min(from_steps, STEP_COUNT)

    def assessment(self):
        return assess(self.answers)

    @transaction.atomic
    def complete(self):
        """Close the diagnosis and declare its situations on the profile (eligibility follows)."""
        self.completed_at = timezone.now()
        self.save(update_fields=["completed_at", "updated_at"])
        situations = self.assessment().situations
        # Only what changed is written (and so recorded in the structure's history).
        self.structure.situations.exclude(situation__in=situations).delete()
        kept = set(self.structure.situations.values_list("situation", flat=True))
        create_logged(
            StructureSituation,
            [
                StructureSituation(structure=self.structure, situation=s)
                for s in sorted(situations - kept)
            ],
        )
        Structure.objects.filter(pk=self.structure_id).update(
            situations_declared_at=self.completed_at
        )
