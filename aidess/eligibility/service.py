"""Verdicts of many aids for one profile, ordered the way people read them."""

from dataclasses import dataclass

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.eligibility.engine import AidVerdict, Evaluation, Evaluator
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
    evaluate = Evaluator(profile, today).evaluate
    # The order of a stable sort on (verdict, closed, name), built as one stable sort by name per
    # (verdict, closed) group, groups in order: cheaper for thousands of aids, already sorted by
    # name when they come from candidate_aids().
    groups = {}
    for aid in aids:
        is_open = aid.is_open(today)
        if not is_open and not include_closed:
            continue
        criteria = getattr(aid, "engine_criteria", None) or criteria_of(aid)
        evaluation = evaluate(criteria)
        group = (VERDICT_ORDER[evaluation.verdict], not is_open)
        groups.setdefault(group, []).append(AidResult(aid, evaluation, is_open))
    results = []
    for group in sorted(groups):
        results += sorted(groups[group], key=aid_name)
    return results


def aid_name(item):
    return item.aid.name
