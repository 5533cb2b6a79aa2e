"""What became of the helped structures 6 and 12 months after their first help, where known.

For a structure first helped on day H, the date looked at is H + 6 (or 12) months, when it
has passed. What is known at that date:

- **ceased**: a closure signal dated on or before it — an alert of the watch cells resolved
  with the outcome « Cessation d'activité » (dated by its resolution) or an alert reporting a
  judicial liquidation (dated by the alert);
- **active**: no such signal, and a sign of activity dated on or after it — a change the
  structure's own members made on AidESS (its history), an application it submitted, or an
  alert resolved as « sauvegardée » or « restructurée »;
- **unknown** otherwise: nothing says it closed, nothing says it was still there.

FTE then: the last FTE stated between the help and that date — a change of the structure's
FTE in its history, or the FTE of an application file it submitted —, 0 for a ceased
structure; unknown when nothing was stated meanwhile (an unchanged figure proves nothing).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from aidess.applications.checklist import add_months
from aidess.applications.models import Application
from aidess.history.models import AuditEntry
from aidess.lifecycles.models import TransitionLog
from aidess.reviews.review import ZERO, local_day, snapshot_fte
from aidess.structures.models import Structure, StructureMembership
from aidess.watch.enums import AlertStatus, CollectiveProcedure, Resolution
from aidess.watch.models import Alert

HORIZONS = (6, 12)
ALIVE_OUTCOMES = {Resolution.SAVED, Resolution.RESTRUCTURED}


@dataclass(frozen=True)
class Outcome:
    """The helped structures `months` after their first help (those that reached that date)."""

    months: int
    structures: int  # helped at least `months` months ago
    active: int
    ceased: int
    unknown: int
    fte_known: int  # structures whose FTE at that date is known
    fte_at_help: Decimal  # of those structures, at the help
    fte_then: Decimal


class Signals:
    """The dated signals of a set of structures, read once for every horizon."""

    def __init__(self, ids):
        self.closures = {}  # id: first day it was known closed
        self.activity = defaultdict(list)  # id: days of activity
        self.fte = defaultdict(list)  # id: [(day, FTE stated)]
        for chunk in _chunks(sorted(ids), 2000):
            self._alerts(chunk)
            self._members_changes(chunk)
            self._applications(chunk)
            self._fte_changes(chunk)

    def _close(self, structure_id, day):
        known = self.closures.get(structure_id)
        self.closures[structure_id] = min(known, day) if known else day

    def _alerts(self, ids):
        alerts = Alert.objects.filter(structure_id__in=ids)
        for structure_id, created in alerts.filter(
            collective_procedure=CollectiveProcedure.LIQUIDATION
        ).values_list("structure_id", "created_at"):
            self._close(structure_id, local_day(created))
        resolved = {
            pk: (structure_id, outcome)
            for pk, structure_id, outcome in alerts.filter(status=AlertStatus.RESOLVED).values_list(
                "pk", "structure_id", "resolution"
            )
        }
        logs = TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Alert),
            object_id__in=list(resolved),
            to_state=AlertStatus.RESOLVED,
        ).values_list("object_id", "created_at")
        for alert_id, moment in logs:
            structure_id, outcome = resolved[alert_id]
            if outcome == Resolution.CEASED:
                self._close(structure_id, local_day(moment))
            elif outcome in ALIVE_OUTCOMES:
                self.activity[structure_id].append(local_day(moment))

    def _members_changes(self, ids):
        members = StructureMembership.objects.filter(structure_id__in=ids).values_list(
            "structure_id", "user_id"
        )
        member_of = defaultdict(set)
        for structure_id, user_id in members:
            member_of[user_id].add(structure_id)
        entries = AuditEntry.objects.filter(
            structure_id__in=ids, actor_id__in=list(member_of)
        ).values_list("structure_id", "actor_id", "timestamp")
        for structure_id, actor_id, moment in entries.iterator(2000):
            if structure_id in member_of[actor_id]:
                self.activity[structure_id].append(local_day(moment))

    def _applications(self, ids):
        submitted = Application.objects.filter(
            structure_id__in=ids, submitted_at__isnull=False
        ).values_list("structure_id", "submitted_at", "file_snapshot__human_means__employees_fte")
        for structure_id, moment, from_file in submitted.iterator(2000):
            self.activity[structure_id].append(local_day(moment))
            fte = snapshot_fte(from_file)
            if fte is not None:
                self.fte[structure_id].append((local_day(moment), fte))

    def _fte_changes(self, ids):
        entries = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Structure),
            object_pk__in=[str(pk) for pk in ids],
        ).values_list("object_pk", "timestamp", "changes")
        for object_pk, moment, changes in entries.iterator(2000):
            change = (changes or {}).get("employees_fte")
            if change and len(change) == 2:
                fte = snapshot_fte(change[1])
                if fte is not None:
                    self.fte[int(object_pk)].append((local_day(moment), fte))

    def status_at(self, structure_id, day):
        closed = self.closures.get(structure_id)
        if closed and closed <= day:
            return "ceased"
        if any(seen >= day for seen in self.activity.get(structure_id, ())):
            return "active"
        return "unknown"

    def fte_at(self, structure_id, helped_on, day):
        """The last FTE stated after the help and by `day`, or None."""
        stated = [(seen, fte) for seen, fte in self.fte.get(structure_id, ()) if helped_on < seen]
        stated = [(seen, fte) for seen, fte in stated if seen <= day]
        return max(stated, key=lambda pair: pair[0])[1] if stated else None


def _chunks(values, size):
    for index in range(0, len(values), size):
        yield values[index : index + size]


def outcomes(helped, today=None):
    """[Outcome for 6 months, for 12 months] of `helped` ({structure id: review.Helped})."""
    today = today or timezone.localdate()
    old_enough = {pk: item for pk, item in helped.items() if add_months(item.helped_on, 6) <= today}
    signals = Signals(old_enough)
    results = []
    for months in HORIZONS:
        counts = defaultdict(int)
        fte_at_help, fte_then = ZERO, ZERO
        for pk, item in old_enough.items():
            day = add_months(item.helped_on, months)
            if day > today:
                continue
            counts["structures"] += 1
            status = signals.status_at(pk, day)
            counts[status] += 1
            fte = ZERO if status == "ceased" else signals.fte_at(pk, item.helped_on, day)
            if fte is not None:
                counts["fte_known"] += 1
                fte_at_help += item.fte
                fte_then += fte
        results.append(
            Outcome(
                months=months,
                structures=counts["structures"],
                active=counts["active"],
                ceased=counts["ceased"],
                unknown=counts["unknown"],
                fte_known=counts["fte_known"],
                fte_at_help=fte_at_help,
                fte_then=fte_then,
            )
        )
    return results
