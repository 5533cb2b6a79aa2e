"""The impact review of a scheme (an aid) or a plan over a period: the structures helped, the
FTE preserved, the amounts granted and paid, by sector and by region — what the State publishes
afterwards (the DSESS review: 740 structures, about 1 572 FTE, 30 % in culture…).

A structure helped is one with at least one accepted decision with an amount, decided within
the period; it counts once however many decisions it had. Its FTE preserved are those at the
time of its first decision in the period: the FTE of the application's file snapshot when the
file gave them, else the structure's current `employees_fte` (imported decisions have no
snapshot: the FTE imported with the structure).

A plan's review (default period: the plan's) counts its targeted structures with such a decision
under the plan's aids, and its follow-up lines « Aidée » with a support offer (marked helped
within the period), with the FTE copied at activation and no amount. Support pathways completed:
the helped structures with a DLA pathway completed within the period.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q, Sum
from django.utils import timezone

from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application, Payment
from aidess.pathways.enums import PathwayStatus
from aidess.pathways.models import Pathway
from aidess.plans.enums import FollowUpStatus
from aidess.plans.lifecycle import FOLLOW_UP_LIFECYCLE

ZERO = Decimal("0.00")
CENTS = Decimal("0.01")
SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Group:
    """The structures of one sector or one region ("" when unknown)."""

    code: str
    structures: int
    fte: Decimal
    share: Decimal  # of the review's structures, 4 places


@dataclass(frozen=True)
class Helped:
    """A helped structure as the review counts it, at its first help in the period."""

    fte: Decimal
    sector: str
    region: str
    helped_on: datetime.date
    by_offer: bool = False  # a plan's line « Aidée » with a support offer, no decision


@dataclass(frozen=True)
class Review:
    aid_slugs: list
    start: object
    end: object
    structures: int
    fte: Decimal
    amount_granted_eur: Decimal
    amount_paid_eur: Decimal
    by_sector: list = field(default_factory=list)
    by_region: list = field(default_factory=list)
    plan: object = None
    aid: object = None
    pathways_completed: int = 0
    helped: dict = field(default_factory=dict, repr=False, compare=False)  # id: Helped

    @property
    def helped_by_offer(self):
        return sum(1 for helped in self.helped.values() if helped.by_offer)


def decisions(aids, start=None, end=None):
    """The accepted applications with an amount on `aids`, decided between two days included."""
    applications = Application.objects.filter(
        aid__in=aids,
        status=ApplicationStatus.ACCEPTED,
        amount_granted_eur__gt=0,
        decided_at__isnull=False,
    )
    if start:
        applications = applications.filter(decided_at__date__gte=start)
    if end:
        applications = applications.filter(decided_at__date__lte=end)
    return applications


def snapshot_fte(value):
    """The FTE the file snapshot gave (a text), or None when it gave none or nonsense."""
    if value in (None, ""):
        return None
    try:
        fte = Decimal(str(value))
    except InvalidOperation:
        return None
    return fte if fte.is_finite() and fte >= 0 else None


def _groups(per_structure, total, attribute):
    counts, ftes = defaultdict(int), defaultdict(lambda: ZERO)
    for helped in per_structure.values():
        counts[getattr(helped, attribute)] += 1
        ftes[getattr(helped, attribute)] += helped.fte
    groups = [
        Group(
            code=code,
            structures=count,
            fte=ftes[code].quantize(CENTS),
            share=(Decimal(count) / total).quantize(SHARE_PLACES),
        )
        for code, count in counts.items()
    ]
    return sorted(groups, key=lambda group: (-group.structures, group.code))


def local_day(moment):
    """A stored moment's day where the people live (imported rows may be naive)."""
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def offer_lines(plan, start=None, end=None):
    """The plan's lines « Aidée » with a support offer, marked so within [start, end]:
    (line, the day it was marked)."""
    fields = ("pk", "structure_id", "sector", "region_id", "fte_at_activation", "updated_at")
    lines = list(
        plan.targets.filter(status=FollowUpStatus.HELPED, helped_with_offer__isnull=False).only(
            *fields
        )
    )
    marked = FOLLOW_UP_LIFECYCLE.last_into(lines, FollowUpStatus.HELPED)  # the last time
    for line in lines:
        # A line set « Aidée » without its log (loaded data): its last change dates it.
        log = marked.get(line.pk)
        day = local_day(log.created_at if log else line.updated_at)
        if (not start or day >= start) and (not end or day <= end):
            yield line, day


def period_of(plan, start=None, end=None):
    """A plan's review covers the plan's period where no bound is given."""
    return (start or plan.starts_on, end or plan.ends_on) if plan is not None else (start, end)


def review(aid=None, plan=None, start=None, end=None):
    """The review of one aid, or of an emergency plan, over [start, end] (dates; a plan's
    bounds by default)."""
    if (aid is None) == (plan is None):
        raise ValueError("Indiquez une aide ou un plan.")
    start, end = period_of(plan, start, end)
    aids = [aid] if aid is not None else list(plan.aids.order_by("name"))
    applications = decisions(aids, start, end)
    if plan is not None:
        applications = applications.filter(structure__in=plan.targets.values("structure_id"))
    rows = applications.order_by("decided_at", "pk").values_list(
        "structure_id",
        "file_snapshot__human_means__employees_fte",
        "structure__employees_fte",
        "structure__sector",
        "structure__region_id",
        "decided_at",
    )
    per_structure = {}  # structure id: Helped, at its first decision
    for structure_id, from_file, current, sector, region, decided in rows.iterator(2000):
        if structure_id not in per_structure:
            fte = snapshot_fte(from_file)
            fte = fte if fte is not None else (current or ZERO)
            per_structure[structure_id] = Helped(
                fte, sector or "", region or "", local_day(decided)
            )
    if plan is not None:
        for line, day in offer_lines(plan, start, end):
            if line.structure_id not in per_structure:
                per_structure[line.structure_id] = Helped(
                    line.fte_at_activation or ZERO, line.sector, line.region_id or "", day, True
                )
    total = len(per_structure)
    granted = applications.aggregate(total=Sum("amount_granted_eur"))["total"] or ZERO
    paid = Payment.objects.filter(application__in=applications).aggregate(total=Sum("amount_eur"))[
        "total"
    ]
    return Review(
        aid_slugs=[item.slug for item in aids],
        start=start,
        end=end,
        structures=total,
        fte=sum((helped.fte for helped in per_structure.values()), ZERO).quantize(CENTS),
        amount_granted_eur=granted.quantize(CENTS),
        amount_paid_eur=(paid or ZERO).quantize(CENTS),
        by_sector=_groups(per_structure, total, "sector") if total else [],
        by_region=_groups(per_structure, total, "region") if total else [],
        plan=plan,
        aid=aid,
        pathways_completed=pathways_completed(per_structure, start, end),
        helped=per_structure,
    )


def pathways_completed(per_structure, start=None, end=None):
    """How many helped structures completed a DLA pathway within [start, end]."""
    pathways = Pathway.objects.filter(status=PathwayStatus.COMPLETED)
    pathways = pathways.filter(Q(ended_on__gte=start) if start else Q())
    pathways = pathways.filter(Q(ended_on__lte=end) if end else Q())
    # Few pathways, many helped structures: the intersection is made here.
    completed = set(pathways.values_list("structure_id", flat=True))
    return len(completed & per_structure.keys())


def as_json(result):
    """The review in the shape `impact_review --format json` prints (and the API returns); a
    plan's starts with its id, its aids' slugs joined by commas."""
    plan = {"plan": result.plan.pk} if result.plan is not None else {}
    return {
        **plan,
        "aid": ",".join(result.aid_slugs),
        "structures": result.structures,
        "fte": str(result.fte),
        "amount_eur": str(result.amount_granted_eur),
        "by_sector": [
            {
                "sector": group.code,
                "structures": group.structures,
                "fte": str(group.fte),
                "share": float(group.share),
            }
            for group in result.by_sector
        ],
        "by_region": [
            {"region": group.code, "structures": group.structures, "fte": str(group.fte)}
            for group in result.by_region
        ],
    }
