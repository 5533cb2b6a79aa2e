"""Verdicts of many aids for one profile, ordered the way people read them."""

from dataclasses import dataclass

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid, AidNeed
from aidess.eligibility.engine import AidVerdict, Evaluation
from aidess.eligibility.evaluator import Catalog
from aidess.eligibility.models import criteria_of, with_engine_criteria
from aidess.eligibility.ranking import Candidate, rank
from aidess.territories.models import Commune, Department, Epci, Region

# Texts of an aid that result lists never show.
LONG_TEXTS = ["description", "contact", "provenance", "search_vector", "amount_note"]
VERDICT_ORDER = {AidVerdict.ELIGIBLE: 0, AidVerdict.TO_CONFIRM: 1, AidVerdict.INELIGIBLE: 2}


@dataclass(frozen=True)
class AidResult:
    aid: Aid
    evaluation: Evaluation
    is_open: bool
    rank: int | None = None  # 1 = most relevant (`evaluate_and_rank`)
    relevance: str = ""  # why it ranks there, one French line
    generic: bool = False  # nothing in it speaks to this structure: folded in pages

    @property
    def verdict(self):
        return self.evaluation.verdict

    @property
    def near_miss(self):
        return self.evaluation.near_miss


def candidate_aids(include_closed=False, light=False):
    """Published aids (and closed ones on demand), each with its `engine_criteria`; `light`
    leaves out the long texts result lists do not show (kept in memory by `catalog`)."""
    statuses = [AidStatus.PUBLISHED, AidStatus.CLOSED] if include_closed else [AidStatus.PUBLISHED]
    aids = Aid.objects.filter(status__in=statuses).order_by("name", "pk")
    if light:
        aids = aids.defer(*LONG_TEXTS)
    return with_engine_criteria(aids)


def evaluate_aids(profile, aids, today, include_closed=False):
    """One AidResult per aid: eligible first, then to confirm, then the rest; closed aids only
    when asked (an aid past its closing date counts as closed)."""
    shown = [(aid, is_open) for aid in aids if (is_open := aid.is_open(today)) or include_closed]
    criteria = [getattr(aid, "engine_criteria", None) or criteria_of(aid) for aid, _ in shown]
    return in_verdict_order(shown, Catalog(criteria).evaluate(profile, today))


def in_verdict_order(shown, evaluations):
    """AidResults of (aid, is_open) pairs and their evaluations, in the order of a stable sort
    on (verdict, closed, name), built as one stable sort by name per (verdict, closed) group,
    groups in order: cheaper for thousands of aids, already sorted by name when they come from
    candidate_aids()."""
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


def evaluate_and_rank(profile, aids, today, include_closed=False, needs=frozenset()):
    """`evaluate_aids`, in relevance order (see `ranking.rank`): each AidResult with its `rank`,
    its `relevance` line and whether it is `generic`. `needs` are values of `aids.enums.Need`
    the structure declared; its situations add theirs. The simulation, Mes aides and the API
    get the same from the prepared catalog (`catalog.evaluate_and_rank_catalog`)."""
    results = evaluate_aids(profile, aids, today, include_closed)
    evaluated = [(item.aid, item.evaluation, item.is_open) for item in results]
    return ranked(profile, evaluated, needs_of_aids([item.aid.pk for item in results]), needs)


def ranked(profile, evaluated, needs_by_aid, needs):
    """AidResults in relevance order, of (aid, evaluation, is_open) triples in the order of
    `evaluate_aids` (ties keep it), given {aid pk: needs it answers}. AidResults are built
    once: frozen dataclasses cost microseconds each, for thousands of results."""
    candidates = [
        Candidate(
            criteria=getattr(aid, "engine_criteria", None) or criteria_of(aid),
            needs=needs_by_aid.get(aid.pk, frozenset()),
            verdict=evaluation.verdict,
            is_open=is_open,
            name=aid.name,
        )
        for aid, evaluation, is_open in evaluated
    ]
    in_order = [
        AidResult(aid, evaluation, is_open, found.rank, found.reason, found.generic)
        for (aid, evaluation, is_open), found in zip(
            evaluated, rank(profile, candidates, needs, place_names(profile)), strict=True
        )
    ]
    return sorted(in_order, key=by_rank)


def by_rank(item):
    return item.rank


def needs_of_aids(pks):
    """{aid pk: frozenset of needs}, in one query (every need row of a catalog when it is large:
    a list of thousands of ids costs more than the few rows it would spare)."""
    rows = AidNeed.objects.values_list("aid_id", "need")
    if len(pks) <= 500:
        rows = rows.filter(aid_id__in=pks)
    found = {}
    for pk, need in rows:
        found.setdefault(pk, set()).add(need)
    return {pk: frozenset(needs) for pk, needs in found.items()}


def place_names(profile):
    """Names of the profile's places by kind, for the reasons ("region": "Nouvelle-Aquitaine")."""
    names = {}
    for kind, model, field, code in (
        ("commune", Commune, "code", profile.commune_code),
        ("epci", Epci, "siren", profile.epci_code),
        ("department", Department, "code", profile.department_code),
        ("region", Region, "code", profile.region_code),
    ):
        if code is not None:
            name = model.objects.filter(**{field: code}).values_list("name", flat=True).first()
            if name:
                names[kind] = name
    return names
