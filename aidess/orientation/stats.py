"""Managers' figures (a regional DLA, a France Active region, a network head) over the requests
their organisations received: received, taken care of, median time to the first answer, expired
(escalated to the watch cell after 21 working days), satisfaction — in total, by organisation, by
department and by sector, for a period of sending. Every figure is an aggregate query; medians
keep the one or two middle rows of each group by window functions (SQLite and PostgreSQL alike),
so no row is read in Python but those."""

import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
)
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from openpyxl import Workbook

from aidess.core.exports import neutralized
from aidess.nomenclatures.vocabulary import SECTORS
from aidess.orientation.enums import Relaunch
from aidess.orientation.models import HelpRequest, Recipient

TENTH = Decimal("0.1")
DAY_SECONDS = Decimal(86400)
COLUMNS = [
    "Reçues",
    "Prises en charge",
    "Délai médian de première réponse (jours)",
    "Expirées",
    "Satisfaction moyenne (sur 5)",
    "Réponses au questionnaire",
]


@dataclass(frozen=True)
class Line:
    label: str
    received: int
    taken: int
    median_days: Decimal | None
    expired: int
    satisfaction: Decimal | None
    answers: int

    def cells(self):
        return [
            self.label,
            self.received,
            self.taken,
            self.median_days,
            self.expired,
            self.satisfaction,
            self.answers,
        ]


@dataclass(frozen=True)
class Figures:
    total: Line
    by_organization: list
    by_department: list
    by_sector: list


def recipients_in(organizations, start=None, end=None):
    """The recipients among `organizations` of requests sent (confirmed) in the period."""
    recipients = Recipient.objects.filter(
        organization__in=organizations, request__confirmed_at__isnull=False
    )
    if start:
        recipients = recipients.filter(request__confirmed_at__date__gte=start)
    if end:
        recipients = recipients.filter(request__confirmed_at__date__lte=end)
    return recipients


def days(duration):
    if duration is None:
        return None
    seconds = Decimal(duration.total_seconds())
    return (seconds / DAY_SECONDS).quantize(TENTH, ROUND_HALF_UP)


def one_decimal(value):
    return None if value is None else Decimal(str(value)).quantize(TENTH, ROUND_HALF_UP)


def medians(queryset, group, start, end):
    """{group value: median of `end - start`} (`group` None: {None: median of all})."""
    partition = [F(group)] if group else None
    rows = (
        queryset.filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
        .annotate(duration=ExpressionWrapper(F(end) - F(start), output_field=DurationField()))
        .annotate(
            position=Window(
                RowNumber(), partition_by=partition, order_by=[F("duration").asc(), F("pk").asc()]
            ),
            size=Window(Count("pk"), partition_by=partition),
        )
        .filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
        .values_list(group or "pk", "duration")
    )
    middle = {}
    for key, duration in rows:  # one or two rows per group
        middle.setdefault(key if group else None, []).append(duration)
    return {key: sum(values, start=values[0] * 0) / len(values) for key, values in middle.items()}


def by_organization(recipients):
    """One line per organisation: its own receipts, takings and time to take."""
    rows = (
        recipients.values("organization_id", "organization__name")
        .annotate(
            received=Count("pk"),
            taken=Count("pk", filter=Q(taken_at__isnull=False)),
            expired=Count("pk", filter=Q(request__relaunch__gte=Relaunch.WATCH_CELL)),
            satisfaction=Avg("request__satisfaction_score"),
            answers=Count("request__satisfaction_score"),
        )
        .order_by("organization__name", "organization_id")
    )
    middle = medians(recipients, "organization_id", "request__confirmed_at", "taken_at")
    return [
        Line(
            row["organization__name"],
            row["received"],
            row["taken"],
            days(middle.get(row["organization_id"])),
            row["expired"],
            one_decimal(row["satisfaction"]),
            row["answers"],
        )
        for row in rows
    ]


def request_figures(recipients):
    """Aggregates over the requests (each counted once, however many recipients it has)."""
    taken = recipients.filter(request=OuterRef("pk"), taken_at__isnull=False)
    requests = HelpRequest.objects.filter(pk__in=recipients.values("request"))
    figures = {
        "received": Count("pk"),
        "taken": Count("pk", filter=Exists(taken)),
        "expired": Count("pk", filter=Q(relaunch__gte=Relaunch.WATCH_CELL)),
        "satisfaction": Avg("satisfaction_score"),
        "answers": Count("satisfaction_score"),
    }
    return requests, figures


def request_line(label, row, median):
    return Line(
        label,
        row["received"],
        row["taken"],
        days(median),
        row["expired"],
        one_decimal(row["satisfaction"]),
        row["answers"],
    )


def grouped(recipients, group, label_of):
    requests, figures = request_figures(recipients)
    rows = requests.values(group).annotate(**figures).order_by(group)
    middle = medians(requests, group, "confirmed_at", "first_answer_at")
    return [request_line(label_of(row), row, middle.get(row[group])) for row in rows]


def figures_for(organizations, start=None, end=None):
    recipients = recipients_in(organizations, start, end)
    requests, figures = request_figures(recipients)
    total = requests.aggregate(**figures)
    median = medians(requests, None, "confirmed_at", "first_answer_at").get(None)
    names = dict(
        requests.values_list("structure__department_id", "structure__department__name")
        .order_by()
        .distinct()
    )

    def department(row):
        code = row["structure__department_id"]
        return f"{code} — {names.get(code, '')}" if code else "Non renseigné"

    def sector(row):
        return SECTORS.get(row["structure__sector"], "") or "Non renseigné"

    return Figures(
        total=request_line("Total", total, median),
        by_organization=by_organization(recipients),
        by_department=grouped(recipients, "structure__department_id", department),
        by_sector=grouped(recipients, "structure__sector", sector),
    )


def xlsx_bytes(figures, period):
    """One sheet per breakdown; text never read as a formula (`neutralized`)."""
    workbook = Workbook(write_only=True)
    for title, first, lines in (
        ("Synthèse", "Période", [figures.total]),
        ("Par organisation", "Organisation", figures.by_organization),
        ("Par département", "Département", figures.by_department),
        ("Par secteur", "Secteur", figures.by_sector),
    ):
        sheet = workbook.create_sheet(title)
        sheet.append([first, *COLUMNS])
        for line in lines:
            cells = line.cells()
            if title == "Synthèse":
                cells[0] = period
            sheet.append([neutralized(cell) for cell in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
