"""An alert sent by a watch cell's own software with the cell's API token (`POST
/api/v1/watch/alerts`): the same rules as a spreadsheet row (zone, Sirene lookup, the regional
cell of the structure's region), idempotent on the sender's `external_id`."""

from django.db import transaction

from aidess.core.api import ApiError
from aidess.organizations.enums import OrganizationKind
from aidess.watch.enums import AlertSource
from aidess.watch.intake.common import OutsideZone, Refused, owning_cell, structure_from_siret
from aidess.watch.models import Alert

NOT_A_CELL = "Ce jeton n'est pas celui d'une cellule de veille : il ne peut pas signaler."


@transaction.atomic
def file_from_api(token, user, body):
    """(alert, created): the alert sent, or the one already sent with this external_id."""
    cell = token.organization
    if cell.kind != OrganizationKind.WATCH_CELL:
        raise ApiError(403, NOT_A_CELL)
    try:
        structure = structure_from_siret(body.siret, cell)
    except Refused as refusal:
        status = 403 if isinstance(refusal, OutsideZone) else 400
        raise ApiError(status, refusal.message, {"siret": refusal.message}) from None
    owner = owning_cell(cell, structure)
    if body.external_id:
        existing = Alert.objects.filter(
            cell=owner, source=AlertSource.API, external_id=body.external_id
        ).first()
        if existing is not None:
            return existing, False
    alert = Alert.objects.create(
        structure=structure,
        cell=owner,
        source=AlertSource.API,
        source_detail=f"API, jeton {token.prefix}… ({token.name})"[:300],
        external_id=body.external_id,
        cause=body.cause,
        amount_at_stake_eur=body.amount,
        jobs_at_risk_fte=body.jobs,
        cash_runs_out_on=body.cash_runs_out_on,
        urgency=body.urgency,
        description=body.description,
        is_confidential=body.confidential,
        created_by=user,
    )
    return alert, True
