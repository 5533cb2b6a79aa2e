"""What an advisor's request card shows besides the request: the structure's finances when it
shares them (`diagnosis.permissions` decides), the aids it is eligible to with each criterion's
reason (the one engine, through the prepared catalog), and the request's other recipients."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from aidess.cashflow.permissions import plans_visible_to
from aidess.diagnosis.assessment import NEED_LABELS
from aidess.diagnosis.permissions import can_read_finances
from aidess.eligibility.catalog import evaluate_and_rank_catalog
from aidess.eligibility.engine import AidVerdict, Verdict
from aidess.eligibility.profiles import profile_of

AIDS_SHOWN = 10
CRITERION_MARKS = {
    Verdict.MET: "Rempli",
    Verdict.UNMET: "Non rempli",
    Verdict.UNKNOWN: "À vérifier",
}


@dataclass(frozen=True)
class Finances:
    diagnosis: object  # the last completed self-diagnosis, or None
    diagnosis_url: str
    diagnosis_needs: list
    plans: list  # (plan, url, financing need)


def shared_finances(user, structure):
    """The diagnosis and plans the user may read, or None when the structure shares nothing
    with the user's organisations."""
    if not can_read_finances(user, structure):
        return None
    diagnosis = (
        structure.diagnoses.filter(completed_at__isnull=False).order_by("-completed_at").first()
    )
    diagnosis_url, needs = "", []
    if diagnosis is not None:
        diagnosis_url = reverse("diagnosis:result", args=[structure.pk, diagnosis.pk])
        needs = [NEED_LABELS.get(need, need) for need in diagnosis.assessment().needs]
    plans = [
        (plan, reverse("cashflow:detail", args=[structure.pk, plan.pk]), plan.result())
        for plan in plans_visible_to(user).filter(structure=structure).prefetch_related("lines")[:3]
    ]
    return Finances(diagnosis, diagnosis_url, needs, plans)


@dataclass(frozen=True)
class EligibleAid:
    aid: object
    verdict_label: str
    relevance: str
    criteria: list  # (mark, reason)


def eligible_aids(structure, needs):
    """The first eligible or to-confirm aids, in the order Mes aides gives them."""
    results = evaluate_and_rank_catalog(
        profile_of(structure), timezone.localdate(), needs=frozenset(needs)
    )
    shown = []
    for item in results:
        if item.verdict not in (AidVerdict.ELIGIBLE, AidVerdict.TO_CONFIRM):
            continue
        label = "Éligible" if item.verdict == AidVerdict.ELIGIBLE else "À confirmer"
        criteria = [(CRITERION_MARKS[c.verdict], c.reason) for c in item.evaluation.criteria]
        shown.append(EligibleAid(item.aid, label, item.relevance, criteria))
        if len(shown) == AIDS_SHOWN:
            break
    return shown


def other_recipients(recipient):
    return (
        recipient.request.recipients.exclude(pk=recipient.pk)
        .select_related("organization", "redirected_from__organization")
        .order_by("created_at", "pk")
    )
