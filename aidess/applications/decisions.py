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
from aidess.applications.permissions import is_instructor
from aidess.core.api import ApiError

ZERO = Decimal("0.00")
OVERRIDE_MAX_LENGTH = Application._meta.get_field("envelope_override_reason").max_length


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
    def overrun(self):
        """How far the commitments already went beyond the budget voted (0 if not)."""
        return ZERO if self.voted is None else max(ZERO, self.committed - self.voted)

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


def envelopes_of(aids):
    """{aid id: Envelope} of `aids` in three queries (the provider's list of aids).

    Committed: the amounts granted by accepted applications, plus what was already paid on
    applications reopened (or refused after a reopening) since: that money is spent."""
    ids = [getattr(aid, "pk", aid) for aid in aids]
    voted = dict(ApplicationTerms.objects.filter(aid__in=ids).values_list("aid_id", "envelope_eur"))
    granted = dict(
        Application.objects.filter(aid__in=ids, status=ApplicationStatus.ACCEPTED)
        .values("aid_id")
        .annotate(total=Sum("amount_granted_eur"))
        .values_list("aid_id", "total")
    )
    paid, paid_elsewhere = {}, {}
    rows = (
        Payment.objects.filter(application__aid__in=ids)
        .values("application__aid_id", "application__status")
        .annotate(total=Sum("amount_eur"))
    )
    for row in rows:
        aid_id, total = row["application__aid_id"], row["total"] or ZERO
        paid[aid_id] = paid.get(aid_id, ZERO) + total
        if row["application__status"] != ApplicationStatus.ACCEPTED:
            paid_elsewhere[aid_id] = paid_elsewhere.get(aid_id, ZERO) + total
    return {
        aid_id: Envelope(
            voted=voted.get(aid_id),
            committed=(granted.get(aid_id) or ZERO) + paid_elsewhere.get(aid_id, ZERO),
            paid=paid.get(aid_id, ZERO),
        )
        for aid_id in ids
    }


def envelope_of(aid):
    return envelopes_of([aid])[aid.pk]


def paid_so_far(application):
    """What was paid so far on `application` (its payments' total)."""
    return application.payments.aggregate(total=Sum("amount_eur"))["total"] or ZERO


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
    already_paid = paid_so_far(application)
    if amount < already_paid:
        raise DecisionRefused(
            f"Le montant accordé ne peut pas être inférieur à ce qui a déjà été versé "
            f"({euros(already_paid)}).",
            field="amount",
        )
    envelope = envelope_of(application.aid)
    # What this application already paid counts in the envelope (money spent) until accepted.
    beyond = envelope.exceeded_by(amount - already_paid)
    override_reason = override_reason.strip()
    if len(override_reason) > OVERRIDE_MAX_LENGTH:
        raise DecisionRefused(
            f"Le motif du dépassement tient en {OVERRIDE_MAX_LENGTH} caractères au plus.",
            field="override_reason",
        )
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
def reopen(application, user, reason):
    """Back to instruction with a reason. The amount granted stays on the application (what was
    decided), but no longer commits the envelope; what was paid on it still does."""
    return APPLICATION_LIFECYCLE.apply(application, "reopen", user, reason)


@transaction.atomic
def record_payment(application, user, amount, paid_on):
    """A payment of an accepted application, never beyond what was granted."""
    if paid_on is None:
        raise DecisionRefused("Indiquez la date du versement.", field="paid_on")
    if amount is None or amount <= 0:
        raise DecisionRefused("Le montant versé doit être supérieur à 0 €.", field="amount")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACCEPTED:
        raise DecisionRefused(
            "Un versement ne s'enregistre que sur une demande acceptée.", status=409
        )
    paid = paid_so_far(application)
    if paid + amount > application.amount_granted_eur:
        raise DecisionRefused(
            f"Ce versement porterait le total versé à {euros(paid + amount)}, au-delà du montant "
            f"accordé ({euros(application.amount_granted_eur)}).",
            field="amount",
        )
    return Payment.objects.create(
        application=application, paid_on=paid_on, amount_eur=amount, recorded_by=user
    )


# What the inbox's application page shows of the decision (`funding/_decision_panel.html`). Here,
# not in `funding`, so that the inbox (`instruction`, a sibling layer) can call it.


@dataclass(frozen=True)
class DecisionPanel:
    application: Application
    status_label: str
    amount_granted: Decimal | None
    conditions: str
    override_reason: str
    paid: Decimal
    left_to_pay: Decimal | None
    envelope: Envelope
    may_decide: bool  # an instructor of the application: the buttons are shown
    may_pay: bool  # accepted and not fully paid


def decision_panel_context(application, user):
    """{"decision_panel": DecisionPanel}: add it to the page's context, then
    `{% include "funding/_decision_panel.html" %}`."""
    paid = paid_so_far(application)
    granted = application.amount_granted_eur
    accepted = application.status == ApplicationStatus.ACCEPTED
    may_decide = is_instructor(user, application)
    return {
        "decision_panel": DecisionPanel(
            application=application,
            status_label=application.get_status_display(),
            amount_granted=granted if accepted else None,
            conditions=application.decision_conditions if accepted else "",
            override_reason=application.envelope_override_reason if accepted else "",
            paid=paid,
            left_to_pay=granted - paid if accepted and granted is not None else None,
            envelope=envelope_of(application.aid),
            may_decide=may_decide,
            may_pay=may_decide and accepted and granted is not None and paid < granted,
        )
    }
