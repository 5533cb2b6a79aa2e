"""A request for help nobody took in 21 working days (issue 14's relaunches) becomes an alert of
the regional watch cell of its structure (the national cell where the region has none): « une
structure restée sans réponse »."""

from aidess.watch.cells import national_cell, regional_cell_of
from aidess.watch.enums import AlertCause, AlertSource, Urgency
from aidess.watch.models import Alert


def alert_from_unanswered_request(help_request):
    """The alert (created once per request), or None when no watch cell exists."""
    cell = regional_cell_of(help_request.structure) or national_cell()
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
