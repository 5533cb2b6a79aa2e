"""Verdicts of many aids for one profile, ordered the way people read them."""

from dataclasses import dataclass

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.eligibility.engine import AidVerdict, Evaluation
from aidess.eligibility.evaluator import Catalog
from aidess.eligibility.models import criteria_of, with_engine_criteria

VERDICT_ORDER = {AidVerdict.ELIGIBLE: 0, AidVerdict.TO_CONFIRM: 1, AidVerdict.INELIGIBLE: 2}


@dataclass(frozen=True)
class AidResult:
    aid: Aid
    evaluation: Evaluation
    is_open: bool

    @property
    def verdict(self):
        return self.evaluation.verdict

    @property
    def near_miss(self):
        return self.evaluation.near_miss


def candidate_aids(include_closed=False):
    """Published aids (and closed ones on demand), each with its `engine_criteria`."""
    statuses = [AidStatus.PUBLISHED, AidStatus.CLOSED] if include_closed else [AidStatus.PUBLISHED]
    return with_engine_criteria(Aid.objects.filter(status__in=statuses).order_by("name", "pk"))


def evaluate_aids(profile, aids, today, include_closed=False):
    """One AidResult per aid: eligible first, then to confirm, then the rest; closed aids only
    when asked (an aid past its closing date counts as closed)."""
    shown = [(aid, is_open) for aid in aids if (is_open := aid.is_open(today)) or include_closed]
    criteria = [getattr(aid, "engine_criteria", None) or criteria_of(aid) for aid, _ in shown]
    evaluations = Catalog(criteria).evaluate(profile, today)
    # The order of a stable sort on (verdict, closed, name), built as one stable sort by name per
    # (verdict, closed) group, groups in order: cheaper for thousands of aids, already sorted by
    # name when they come from candidate_aids().
    groups = {}
    for (aid, is_open), evaluation in zip(shown, evaluations, strict=True):
        group = (VERDICT_ORDER[evaluation.verdict], not is_open)
        groups.setdefault(group, []).append(AidResult(aid, evaluation, is_open))
    results = []
    for group in sorted(groups):
        results += sorted(groups[group], key=aid_name)
    return results


def aid_name(item):
    return item.aid.name
