"""Deciding on an application and paying it, against the aid's envelope.

The envelope (`ApplicationTerms.envelope_eur`, the budget voted) is committed by accepted
applications and consumed by payments. An acceptance that would exceed it is refused unless the
instructor gives a reason for going beyond: that reason is kept on the application, in the
transition's log and in the history. The aid's terms row is locked while deciding, so two
instructors accepting at the same time cannot both take the last euros.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format

from aidess.applications.enums import ApplicationStatus
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Application, ApplicationTerms, Payment
from aidess.core.api import ApiError

ZERO = Decimal("0.00")


def euros(amount):
    return f"{number_format(amount, decimal_pos=2, force_grouping=True)} €"


class DecisionRefused(ApiError):
    """A decision or a payment that cannot be recorded, in French (400, or 409 for the
    envelope); nothing was changed."""

    def __init__(self, message, status=400, field=None):
        super().__init__(status, message)
        self.status, self.field = status, field


@dataclass(frozen=True)
class Envelope:
    voted: Decimal | None  # None: the aid set no envelope, nothing to exceed
    committed: Decimal
    paid: Decimal

    @property
    def remaining(self):
        return None if self.voted is None else self.voted - self.committed

    @property
    def committed_share(self):
        """Percent of the voted budget committed, for a gauge (capped at 100)."""
        if not self.voted:
            return None
        return min(100, int(self.committed * 100 / self.voted))

    def exceeded_by(self, amount):
        """How much committing `amount` more would go beyond the budget voted (0 if not)."""
        if self.voted is None:
            return ZERO
        return max(ZERO, self.committed + amount - self.voted)


def envelope_of(aid):
    terms = ApplicationTerms.objects.filter(aid=aid).first()
    committed = Application.objects.filter(aid=aid, status=ApplicationStatus.ACCEPTED).aggregate(
        total=Sum("amount_granted_eur")
    )["total"]
    paid = Payment.objects.filter(application__aid=aid).aggregate(total=Sum("amount_eur"))["total"]
    return Envelope(
        voted=terms.envelope_eur if terms else None,
        committed=committed or ZERO,
        paid=paid or ZERO,
    )


def check_amount(amount, field):
    if amount is None:
        raise DecisionRefused("Indiquez le montant accordé.", field=field)
    if amount <= 0:
        raise DecisionRefused("Le montant accordé doit être supérieur à 0 €.", field=field)


@transaction.atomic
def accept(application, user, amount, conditions="", override_reason=""):
    """Accept with `amount` granted; refused (409) beyond the envelope without a reason."""
    check_amount(amount, "amount")
    ApplicationTerms.objects.select_for_update().get_or_create(aid=application.aid)
    APPLICATION_LIFECYCLE.check(
        Application.objects.get(pk=application.pk), "accept", user
    )  # the transition's own refusal comes before any word about money
    envelope = envelope_of(application.aid)
    beyond = envelope.exceeded_by(amount)
    override_reason = override_reason.strip()
    if beyond and not override_reason:
        raise DecisionRefused(
            f"Ce montant dépasse l'enveloppe de l'aide de {euros(beyond)} : il reste "
            f"{euros(envelope.remaining)} sur {euros(envelope.voted)} votés. Pour décider quand "
            "même, indiquez le motif du dépassement.",
            status=409,
            field="override_reason",
        )
    comment = f"Montant accordé : {euros(amount)}."
    if conditions.strip():
        comment += f" Conditions : {conditions.strip()}"
    if beyond:
        comment += f" Dépassement de l'enveloppe de {euros(beyond)} : {override_reason}"
    application.amount_granted_eur = amount
    application.decision_conditions = conditions.strip()
    application.envelope_override_reason = override_reason if beyond else ""
    application.decided_at, application.decided_by = timezone.now(), user
    application.save()  # before the transition: its listeners read the decision
    return APPLICATION_LIFECYCLE.apply(application, "accept", user, comment)


@transaction.atomic
def decide_without_grant(application, user, transition, reason):
    """Refuse or close without follow-up, with the reason the applicant reads."""
    APPLICATION_LIFECYCLE.check(
        Application.objects.get(pk=application.pk), transition, user, reason
    )
    application.amount_granted_eur = None
    application.decided_at, application.decided_by = timezone.now(), user
    application.save()
    return APPLICATION_LIFECYCLE.apply(application, transition, user, reason)


@transaction.atomic
def record_payment(application, user, amount, paid_on):
    """A payment of an accepted application, never beyond what was granted."""
    if amount is None or amount <= 0:
        raise DecisionRefused("Le montant versé doit être supérieur à 0 €.", field="amount")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACCEPTED:
        raise DecisionRefused(
            "Un versement ne s'enregistre que sur une demande acceptée.", status=409
        )
    paid = application.payments.aggregate(total=Sum("amount_eur"))["total"] or ZERO
    if paid + amount > application.amount_granted_eur:
        raise DecisionRefused(
            f"Ce versement porterait le total versé à {euros(paid + amount)}, au-delà du montant "
            f"accordé ({euros(application.amount_granted_eur)}).",
            field="amount",
        )
    return Payment.objects.create(
        application=application, paid_on=paid_on, amount_eur=amount, recorded_by=user
    )
