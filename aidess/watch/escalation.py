"""A request for help nobody took in 21 working days (issue 14's relaunches) becomes an alert of
the regional watch cell of its structure (the national cell where the region has none): « une
structure restée sans réponse »."""

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.watch.enums import AlertCause, AlertSource, Urgency
from aidess.watch.models import Alert


def cell_for(structure):
    cells = Organization.objects.filter(kind=OrganizationKind.WATCH_CELL, is_active=True)
    regional = cells.filter(scope_level=ScopeLevel.REGIONAL, regions=structure.region_id)
    return (
        regional.order_by("pk").first()
        or cells.filter(scope_level=ScopeLevel.NATIONAL).order_by("pk").first()
    )


def alert_from_unanswered_request(help_request):
    """The alert (created once per request), or None when no watch cell exists."""
    cell = cell_for(help_request.structure)
    if cell is None:
        return None
    alert, created = Alert.objects.get_or_create(
        cell=cell,
        source=AlertSource.ORIENTATION,
        external_id=f"demande-{help_request.pk}",
        defaults={
            "structure": help_request.structure,
            "cause": AlertCause.OTHER,
            "urgency": Urgency.HIGH,
            "source_detail": f"Demande d'accompagnement n° {help_request.pk}",
            "description": "Demande d'accompagnement restée sans réponse après 21 jours "
            f"ouvrés. Situation décrite par la structure : {help_request.situation}",
        },
    )
    if created:
        alert.help_requests.add(help_request)
    return alert
