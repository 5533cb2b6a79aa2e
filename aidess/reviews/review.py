"""The impact review of a scheme (an aid) or a plan over a period: the structures helped, the
FTE preserved, the amounts granted and paid, by sector and by region — what the State publishes
afterwards (the DSESS review: 740 structures, about 1 572 FTE, 30 % in culture…).

A structure helped is one with at least one accepted decision with an amount, decided within
the period; it counts once however many decisions it had. Its FTE preserved are those at the
time of its first decision in the period: the FTE of the application's file snapshot when the
file gave them, else the structure's current `employees_fte` (imported decisions have no
snapshot: the FTE imported with the structure).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Sum

from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application, Payment

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


def _groups(per_structure, total, index):
    counts, ftes = defaultdict(int), defaultdict(lambda: ZERO)
    for values in per_structure.values():
        counts[values[index]] += 1
        ftes[values[index]] += values[0]
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


def review(aid=None, plan=None, start=None, end=None):
    """The review of one aid, or of a plan (anything whose `aids` manager lists its measures'
    aids), over [start, end] (dates, both optional)."""
    if (aid is None) == (plan is None):
        raise ValueError("Indiquez une aide ou un plan.")
    aids = [aid] if aid is not None else list(plan.aids.all())
    applications = decisions(aids, start, end)
    rows = applications.order_by("decided_at", "pk").values_list(
        "structure_id",
        "file_snapshot__human_means__employees_fte",
        "structure__employees_fte",
        "structure__sector",
        "structure__region_id",
    )
    per_structure = {}  # structure id: (fte, sector, region), at its first decision
    for structure_id, from_file, current, sector, region in rows.iterator(chunk_size=2000):
        if structure_id not in per_structure:
            fte = snapshot_fte(from_file)
            fte = fte if fte is not None else (current or ZERO)
            per_structure[structure_id] = (fte, sector or "", region or "")
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
        fte=sum((values[0] for values in per_structure.values()), ZERO).quantize(CENTS),
        amount_granted_eur=granted.quantize(CENTS),
        amount_paid_eur=(paid or ZERO).quantize(CENTS),
        by_sector=_groups(per_structure, total, 1) if total else [],
        by_region=_groups(per_structure, total, 2) if total else [],
    )


def as_json(result):
    """The review in the shape `impact_review --format json` prints (and the API returns)."""
    return {
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
