"""The agent's home list: structures of its zone with an open alert it may read, or that its
cells follow, each with its level, its open alerts' worst urgency and count, its last alert.

One statement for the rows (and one COUNT): the candidates start from the zone's alerts
(index `alert_region_status` / `alert_department_status`) and the cells' follows, never from
the million structures; the figures are one GROUP BY over the candidates' readable alerts
(index `alert_structure_status`)."""

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from aidess.structures.models import Structure
from aidess.watch.enums import LEVEL_RANK, OPEN_ALERT_STATES, URGENCY_RANK, RiskLevel
from aidess.watch.models import Alert, Follow, StructureRisk
from aidess.watch.permissions import alerts_visible_to, cells_of, readable_alerts_q

# ?tri=… : (label, ordering); ties broken by the primary key so that pages do not overlap.
SORTS = {
    "niveau": (
        "Niveau de risque, le plus élevé d'abord",
        ("level_rank", "worst_urgency", "-structure_id"),
    ),
    "urgence": (
        "Urgence, la plus forte d'abord",
        ("worst_urgency", "level_rank", "-structure_id"),
    ),
    "date": (
        "Dernier signalement, le plus récent d'abord",
        (F("last_alert_at").desc(nulls_last=True), "-structure_id"),
    ),
}
LEVEL_OF_RANK = {rank: level for level, rank in LEVEL_RANK.items()}
DEFAULT_SORT = "niveau"
NO_URGENCY = len(URGENCY_RANK)
# ?taille=… : (label, lowest FTE included, highest FTE excluded); "inconnue" when not declared.
SIZE_BANDS = {
    "0": ("Aucun salarié", None, 0),
    "1-9": ("Moins de 10 ETP", 0, 10),
    "10-49": ("10 à 49 ETP", 10, 50),
    "50+": ("50 ETP et plus", 50, None),
    "inconnue": ("Effectif inconnu", None, None),
}
STRUCTURE_FILTERS = ("departement", "secteur", "taille", "q")
# Filters only an alert answers: the followed structures without such an alert are left out.
ALERT_ONLY_FILTERS = ("cause", "etat", "niveau", "region")
ROW_FIELDS = ("name", "siret", "sector", "department_id", "commune__name")


def _urgency_rank(field):
    return Case(
        *(When(**{field: urgency}, then=Value(rank)) for urgency, rank in URGENCY_RANK.items()),
        output_field=IntegerField(),
    )


def _size_q(band):
    label, low, high = SIZE_BANDS[band]
    if band == "inconnue":
        return Q(employees_fte__isnull=True)
    if band == "0":
        return Q(employees_fte=0)
    q = Q(employees_fte__gt=0) if low == 0 else Q(employees_fte__gte=low)
    return q & Q(employees_fte__lt=high) if high is not None else q


def candidates(user, filters, cell_ids):
    """Ids of the structures with a readable alert matching the alert filters, or followed."""
    readable = alerts_visible_to(user)
    alert_filters = Q()
    if filters.get("cause"):
        alert_filters &= Q(cause=filters["cause"])
    if filters.get("etat"):
        alert_filters &= Q(status=filters["etat"])
    else:
        alert_filters &= Q(status__in=OPEN_ALERT_STATES)
    if filters.get("departement"):
        alert_filters &= Q(department=filters["departement"])
    if filters.get("region"):
        alert_filters &= Q(region=filters["region"])
    if filters.get("niveau"):  # the structure's level, copied on its alerts (no join)
        alert_filters &= Q(level=filters["niveau"])
    # One IN (… UNION …): an OR of two IN would scan every structure.
    ids = readable.filter(alert_filters).order_by().values("structure_id").distinct()
    if not any(filters.get(name) for name in ALERT_ONLY_FILTERS):
        followed = Follow.objects.filter(cell__in=cell_ids, ended_at__isnull=True)
        ids = ids.union(followed.order_by().values("structure_id"))
    return ids


def count_watched(user, filters, cell_ids):
    """The list's length: without a filter on the structure itself, the candidates alone are
    counted (no join with the structures)."""
    if any(filters.get(name) for name in STRUCTURE_FILTERS):
        return watched_structures(user, filters, cell_ids).count()
    return candidates(user, filters, cell_ids).count()


def watched_structures(user, filters, cell_ids):
    """The structures of the list, without their figures."""
    structures = Structure.objects.filter(pk__in=candidates(user, filters, cell_ids))
    if filters.get("departement"):
        structures = structures.filter(department=filters["departement"])
    if filters.get("secteur"):
        structures = structures.filter(sector=filters["secteur"])
    if filters.get("taille"):
        structures = structures.filter(_size_q(filters["taille"]))
    if filters.get("q"):
        text = filters["q"].strip()
        digits = text.replace(" ", "")
        structures = structures.filter(
            Q(name__icontains=text) | Q(siret__startswith=digits)
            if digits.isdigit()
            else Q(name__icontains=text)
        )
    return structures


def watched_rows(user, filters, sort=DEFAULT_SORT):
    """The home list's rows (`WatchedRows`): structures with their figures, page by page."""
    return WatchedRows(user, filters, sort)


class WatchedRows:
    """The list read a page at a time: the order and the figures come from the readable alerts
    alone (they carry their structure's level), grouped by structure, plus the followed
    structures without any; only the page's structures are then read. Sorting the structures
    themselves would join and group a million rows for the national cell."""

    def __init__(self, user, filters, sort):
        self.user, self.filters = user, filters
        self.ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
        self.cell_ids = list(cells_of(user).values_list("pk", flat=True))

    def count(self):
        return count_watched(self.user, self.filters, self.cell_ids)

    def __len__(self):
        return self.count()

    def keys(self):
        """(structure_id, level_rank, worst_urgency, last_alert_at, open_count), in order."""
        if any(self.filters.get(name) for name in STRUCTURE_FILTERS):
            listed = watched_structures(self.user, self.filters, self.cell_ids).values("pk")
        else:  # the candidates alone: no pass over the million structures
            listed = candidates(self.user, self.filters, self.cell_ids)
        readable = Alert.objects.filter(readable_alerts_q(self.user), structure_id__in=listed)
        open_q = Q(status__in=OPEN_ALERT_STATES)
        with_alerts = (
            readable.order_by()
            .values("structure_id")
            .annotate(
                level_rank=Min(_level_rank("level")),
                worst_urgency=Coalesce(
                    Min(_urgency_rank("urgency"), filter=open_q), Value(NO_URGENCY)
                ),
                last_alert_at=Max("created_at"),
                open_count=Count("pk", filter=open_q),
            )
        )
        followed_only = (
            Follow.objects.filter(
                cell__in=self.cell_ids, ended_at__isnull=True, structure_id__in=listed
            )
            .exclude(structure_id__in=readable.values("structure_id"))
            .order_by()
            .values("structure_id")
            .annotate(
                level_rank=Coalesce(
                    Subquery(
                        StructureRisk.objects.filter(structure=OuterRef("structure_id"))
                        .annotate(rank=_level_rank("level"))
                        .values("rank")[:1]
                    ),
                    Value(LEVEL_RANK[RiskLevel.UNKNOWN]),
                ),
                worst_urgency=Value(NO_URGENCY),
                last_alert_at=Cast(Value(None), DateTimeField()),  # typed NULL for the UNION
                open_count=Value(0),
            )
            .distinct()
        )
        return with_alerts.union(followed_only, all=True).order_by(*self.ordering)  # disjoint

    def rows(self, keys):
        """The structures of `keys`, in their order, carrying their figures."""
        keys = list(keys)
        ids = [key["structure_id"] for key in keys]
        structures = Structure.objects.select_related("commune").only(*ROW_FIELDS).in_bulk(ids)
        followed = set(
            Follow.objects.filter(
                cell__in=self.cell_ids, ended_at__isnull=True, structure_id__in=ids
            ).values_list("structure_id", flat=True)
        )
        rows = []
        for key in keys:
            structure = structures[key["structure_id"]]
            structure.level_rank, structure.open_count = key["level_rank"], key["open_count"]
            structure.worst_urgency = key["worst_urgency"]
            structure.last_alert_at = key["last_alert_at"]
            structure.level = LEVEL_OF_RANK.get(key["level_rank"], RiskLevel.UNKNOWN)
            structure.followed = structure.pk in followed
            rows.append(structure)
        return rows

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        return self.rows(self.keys()[item])

    def __iter__(self, chunk=2000):
        start = 0
        while page := self[start : start + chunk]:
            yield from page
            start += chunk


def _level_rank(field):
    return Case(
        *(When(**{field: level}, then=Value(rank)) for level, rank in LEVEL_RANK.items()),
        default=Value(LEVEL_RANK[RiskLevel.UNKNOWN]),
        output_field=IntegerField(),
    )
