"""Orientation (issue 14): support organisations publish offers; a structure's request for help
goes to the organisations whose offers fit (`routing.py`); each recipient handles it through
`lifecycle.RECIPIENT_LIFECYCLE`; the request's status is derived from its recipients'."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from aidess.aids.enums import Need
from aidess.aids.models import Aid
from aidess.organizations.models import Organization
from aidess.orientation.enums import (
    OPEN_RECIPIENT_STATES,
    RecipientStatus,
    Relaunch,
    RequestStatus,
    ZoneKind,
)
from aidess.structures.models import Structure


class SupportOffer(models.Model):
    """What one support organisation offers: a scheme of the catalog (whose eligibility criteria
    are the offer's conditions: one engine), the needs it answers and its zone."""

    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        related_name="support_offers",
        verbose_name="organisation",
    )
    scheme = models.ForeignKey(
        Aid,
        models.PROTECT,
        related_name="support_offers",
        verbose_name="dispositif",
        help_text="Les critères d'éligibilité du dispositif sont les conditions de l'offre.",
    )
    needs = models.JSONField("besoins couverts", default=list)
    zone_kind = models.CharField("zone", max_length=12, choices=ZoneKind.choices)
    zone_codes = models.JSONField(
        "codes de la zone",
        default=list,
        blank=True,
        help_text="Codes COG des communes, départements, régions ou SIREN des EPCI ; vide "
        "pour une offre nationale.",
    )
    description = models.TextField("ce qui est proposé", blank=True)
    conditions = models.TextField("conditions, en clair", blank=True)
    contact_email = models.EmailField("e-mail de contact", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site", blank=True)
    is_active = models.BooleanField("active", default=True)
    source = models.CharField(
        "source", max_length=300, blank=True, help_text="Document d'où viennent ces faits."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "offre d'accompagnement"
        verbose_name_plural = "offres d'accompagnement"
        ordering = ["organization__name", "pk"]

    def __str__(self):
        return f"{self.organization} — {self.scheme.name}"

    def need_labels(self):
        return [Need(need).label for need in self.needs if need in Need.values]


def new_token():
    return secrets.token_urlsafe(24)


confirmation_token = new_token  # the name migration 0001 refers to


class HelpRequest(models.Model):
    """A structure's request for help. Sent by a member (confirmed at once) or by someone
    without an account, with a SIRET and an e-mail confirmed by a link (`confirmed_at`)."""

    structure = models.ForeignKey(
        Structure, models.CASCADE, related_name="help_requests", verbose_name="structure"
    )
    needs = models.JSONField("besoins", default=list)
    situation = models.TextField("situation, en quelques mots", max_length=3000)
    share_finances = models.BooleanField(
        "partager l'autodiagnostic et le plan de trésorerie", default=False
    )
    contact_name = models.CharField("nom du contact", max_length=150, blank=True)
    contact_email = models.EmailField("e-mail du contact")
    contact_phone = models.CharField("téléphone du contact", max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name="envoyée par",
    )
    confirmation_token = models.CharField(max_length=64, default=new_token, unique=True)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)
    status = models.CharField(
        "état",
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.UNCONFIRMED,
        help_text="Déduit de celui de ses destinataires (routing.refresh_status).",
    )
    relaunch = models.PositiveSmallIntegerField(
        "relances", choices=Relaunch.choices, default=Relaunch.NONE
    )
    relaunched_at = models.DateTimeField("dernière relance", null=True, blank=True)
    first_answer_at = models.DateTimeField("première réponse", null=True, blank=True)
    closed_at = models.DateTimeField("clôturée le", null=True, blank=True)
    # Not `default=confirmation_token`: in this class body that name is the field above.
    satisfaction_token = models.CharField(max_length=64, default=new_token, unique=True)
    satisfaction_asked_at = models.DateTimeField("satisfaction demandée le", null=True, blank=True)
    satisfaction_score = models.PositiveSmallIntegerField("note (1 à 5)", null=True, blank=True)
    satisfaction_comment = models.TextField("commentaire", blank=True, max_length=2000)
    helped = models.BooleanField("aidée, selon la structure", null=True, blank=True)
    merged_count = models.PositiveSmallIntegerField(
        "demandes fusionnées",
        default=0,
        help_text="Demandes identiques (même structure, même besoin, encore ouverte) "
        "ajoutées à celle-ci.",
    )
    created_at = models.DateTimeField("envoyée le", default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "demande d'accompagnement"
        verbose_name_plural = "demandes d'accompagnement"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "confirmed_at"], name="helprequest_status_sent"),
        ]

    def __str__(self):
        return f"Demande n° {self.pk} — {self.structure}"

    def need_labels(self):
        return [Need(need).label for need in self.needs if need in Need.values]

    @property
    def is_open(self):
        return self.status in {RequestStatus.WAITING, RequestStatus.TAKEN}


class Recipient(models.Model):
    """One organisation a request was sent to, and how it handles it."""

    request = models.ForeignKey(
        HelpRequest, models.CASCADE, related_name="recipients", verbose_name="demande"
    )
    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="received_requests", verbose_name="organisation"
    )
    offer = models.ForeignKey(
        SupportOffer,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="recipients",
        verbose_name="offre",
    )
    reason = models.TextField("pourquoi elle reçoit la demande", blank=True)
    status = models.CharField(
        "état", max_length=20, choices=RecipientStatus.choices, default=RecipientStatus.WAITING
    )
    added_by_structure = models.BooleanField("ajoutée par la structure", default=False)
    redirected_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="redirections",
        verbose_name="réorientée par",
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="conseiller",
    )
    taken_at = models.DateTimeField("prise en charge le", null=True, blank=True)
    closed_at = models.DateTimeField("clôturée le", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "destinataire d'une demande"
        verbose_name_plural = "destinataires d'une demande"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "organization"], name="one_recipient_per_organization"
            )
        ]
        indexes = [models.Index(fields=["organization", "status"], name="recipient_org_status")]

    def __str__(self):
        return f"{self.organization} — {self.request}"

    @property
    def is_open(self):
        return self.status in OPEN_RECIPIENT_STATES
