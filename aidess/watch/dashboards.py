"""The figures of a cell's dashboard: alerts of its zone by state, cause and level, jobs at
risk and amounts at stake, month by month, and by area (the national cell: every region; a
regional cell: its departments). Each figure is a few GROUP BY on the alerts, which carry their
region, department, sector and level (no join with the structures)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from aidess.territories.models import Department, Region
from aidess.watch.enums import OPEN_ALERT_STATES, AlertCause, AlertStatus, RiskLevel
from aidess.watch.permissions import alerts_visible_to, zone_of

MONTHS = 12


@dataclass(frozen=True)
class Figure:
    """One line of a breakdown: what it counts, and the list filter it links to."""

    key: str
    label: str
    alerts: int
    jobs_at_risk: float = 0
    amount_at_stake: float = 0


def area_level(user, region_code=None):
    """'region' for a national view, 'department' for a regional one (or a region chosen)."""
    zone = zone_of(user)
    return "region" if zone.national and not region_code else "department"


def zone_alerts(user, region_code=None):
    alerts = alerts_visible_to(user)
    if region_code:
        alerts = alerts.filter(region_id=region_code)
    return alerts


def sums(rows):
    return {
        "alerts": sum(row["alerts"] for row in rows),
        "jobs_at_risk": sum(row["jobs"] or 0 for row in rows),
        "amount_at_stake": sum(row["amount"] or 0 for row in rows),
    }


def grouped(alerts, field):
    return list(
        alerts.values(field).annotate(
            alerts=Count("pk"), jobs=Sum("jobs_at_risk_fte"), amount=Sum("amount_at_stake_eur")
        )
    )


def dashboard(user, region_code=None, today=None):
    """Everything the dashboard page shows, for the user's zone (or one region of it)."""
    today = today or timezone.localdate()
    alerts = zone_alerts(user, region_code)
    open_alerts = alerts.filter(status__in=OPEN_ALERT_STATES)
    level = area_level(user, region_code)

    by_state = {row["status"]: row["n"] for row in alerts.values("status").annotate(n=Count("pk"))}
    causes = grouped(open_alerts, "cause")
    levels = {row["level"]: row["alerts"] for row in grouped(open_alerts, "level")}
    areas = grouped(open_alerts, level)
    start = months_before(today, MONTHS - 1)
    months = grouped(
        alerts.filter(created_at__date__gte=start).annotate(month=TruncMonth("created_at")),
        "month",
    )
    return {
        "level": level,
        "totals": sums(causes),
        "by_state": [
            Figure(state.value, state.label, by_state.get(state.value, 0)) for state in AlertStatus
        ],
        "by_cause": figures(causes, "cause", dict(AlertCause.choices)),
        "by_level": [
            Figure(value, label, levels.get(value, 0)) for value, label in RiskLevel.choices
        ],
        "by_area": figures(areas, level, area_names(level, [row[level] for row in areas])),
        "by_month": month_figures(months, start, today),
    }


def months_before(day, count):
    """The first day of the month `count` months before `day`'s."""
    index = day.year * 12 + day.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def figures(rows, field, labels):
    found = [
        Figure(
            row[field],
            labels.get(row[field], row[field] or "Non renseigné"),
            row["alerts"],
            float(row["jobs"] or 0),
            float(row["amount"] or 0),
        )
        for row in rows
        if row[field]
    ]
    return sorted(found, key=lambda figure: (-figure.alerts, figure.label))


def area_names(level, codes):
    model = Region if level == "region" else Department
    return dict(model.objects.filter(code__in=codes).values_list("code", "name"))


def month_figures(rows, start, today):
    """Every month from `start` to today, months without alert included (as 0)."""
    found = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row for row in rows
    }
    figures_by_month, month = [], start
    while month <= today:
        row = found.get(month, {"alerts": 0, "jobs": 0, "amount": 0})
        figures_by_month.append(
            Figure(
                month.isoformat()[:7],
                month.strftime("%m/%Y"),
                row["alerts"],
                float(row["jobs"] or 0),
                float(row["amount"] or 0),
            )
        )
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return figures_by_month
