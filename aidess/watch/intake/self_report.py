"""A structure reports its own situation to its regional cell after a critical self-diagnosis,
with its explicit consent: an alert with the source « la structure elle-même », its cause
suggested from the situations it declared, not confidential unless it asks."""

from django.db import transaction

from aidess.watch.enums import OPEN_ALERT_STATES, AlertCause, AlertSource, Urgency
from aidess.watch.intake.common import regional_cell_of
from aidess.watch.models import Alert

# The first of its declared situations that says a cause (most specific first).
CAUSE_OF_SITUATION = [
    ("public_funding_cut", AlertCause.STATE_FUNDING_CUT),
    ("late_payments", AlertCause.LATE_PUBLIC_PAYMENTS),
    ("activity_stopped", AlertCause.ACTIVITY_LOSS),
    ("activity_reduced", AlertCause.ACTIVITY_LOSS),
    ("revenue_loss", AlertCause.ACTIVITY_LOSS),
    ("covid_crisis", AlertCause.ACTIVITY_LOSS),
    ("volunteer_demobilisation", AlertCause.GOVERNANCE_CRISIS),
]
CONSENT = (
    "J'accepte que AidESS transmette à la cellule régionale de veille de ma région le nom et "
    "le SIRET de ma structure, le résultat de cet autodiagnostic et ce que j'écris ci-dessous, "
    "pour qu'elle puisse me contacter et m'orienter vers les aides et accompagnements adaptés."
)


def can_self_report(diagnosis):
    return diagnosis.completed_at is not None and diagnosis.assessment().severity == "critical"


def suggested_cause(situations):
    return next(
        (cause for situation, cause in CAUSE_OF_SITUATION if situation in situations),
        AlertCause.OTHER,
    )


def already_reported(structure):
    """Its open alert sent by itself, if any (one is enough for the cell)."""
    return (
        Alert.objects.filter(
            structure=structure, source=AlertSource.STRUCTURE, status__in=OPEN_ALERT_STATES
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def report_self(structure, diagnosis, user, cause, message, confidential):
    """The alert to the regional cell of the structure's region, or None when there is none."""
    cell = regional_cell_of(structure)
    if cell is None:
        return None
    assessment = diagnosis.assessment()
    description = f"Autodiagnostic du {diagnosis.completed_at:%d/%m/%Y} : {assessment.summary}"
    if message:
        description += f"\n\nMessage de la structure : {message}"
    return Alert.objects.create(
        structure=structure,
        cell=cell,
        source=AlertSource.STRUCTURE,
        source_detail=f"Autodiagnostic n° {diagnosis.pk}, envoyé par {user.email}"[:300],
        external_id=f"autodiagnostic-{diagnosis.pk}",
        cause=cause,
        urgency=Urgency.HIGH,
        description=description[:10000],
        is_confidential=confidential,
        created_by=user,
    )
