"""The demo's watch cells and the alerts the watch tests file."""

from aidess.organizations.models import Organization
from aidess.watch import triage
from aidess.watch.enums import AlertCause, Urgency

REGIONAL_CELL = "Cellule régionale de veille Nouvelle-Aquitaine"
NATIONAL_CELL = "Cellule nationale de veille de l'ESS"


def cell(name):
    return Organization.objects.get(name=name)


def file(demo, structure, role="watch_regional_75", **fields):
    """An alert filed by the role's cell (regional Nouvelle-Aquitaine, or national)."""
    name = REGIONAL_CELL if role == "watch_regional_75" else NATIONAL_CELL
    values = {"cause": AlertCause.STATE_FUNDING_CUT, "urgency": Urgency.HIGH, **fields}
    return triage.file_alert(cell(name), structure, demo[role], **values)
