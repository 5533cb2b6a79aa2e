"""The watch API: POST /api/v1/watch/risk (no account), the risk level of docs/RISK.md;
POST /api/v1/watch/alerts (a watch cell's token), an alert sent by a cell's software."""

from ninja import Body, Router
from ninja.decorators import decorate_view
from ninja.responses import Status

from aidess.core.api import body_at_most, errors
from aidess.organizations.tokens import organization_token
from aidess.watch.intake.api_alerts import file_from_api
from aidess.watch.intake.schemas import AlertFiled, AlertIn
from aidess.watch.risk import assess
from aidess.watch.schemas import Risk, RiskQuery

router = Router(tags=["Cellules de veille"])

MAX_BODY_BYTES = 16 * 1024


@router.post(
    "/watch/risk",
    response={200: Risk, **errors(400, 413)},
    summary="Niveau de risque d'une structure (grille explicable)",
    description="Sans compte, rien n'est enregistré. Les mêmes règles que les pages des "
    "cellules de veille : chaque facteur, préoccupant ou rassurant, dit sa règle en français. "
    "Un corps vide vaut « rien n'est connu ».",
    operation_id="assessRisk",
    url_name="watch_risk",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def watch_risk(request, query: Body[RiskQuery] = None):
    assessment = assess((query or RiskQuery()).to_inputs())
    return {
        "level": assessment.level,
        "factors": [
            {"code": f.code, "effect": f.effect, "weight": f.weight, "reason": f.reason}
            for f in assessment.factors
        ],
    }


@router.post(
    "/watch/alerts",
    auth=organization_token,
    response={200: AlertFiled, 201: AlertFiled, **errors(400, 401, 403, 413)},
    summary="Signaler une structure en difficulté (jeton d'une cellule de veille)",
    description="Jeton d'une cellule de veille (en-tête Authorization: Bearer …). La structure "
    "doit être dans le territoire de la cellule (403 sinon) ; une structure inconnue d'AidESS est "
    "créée depuis le répertoire Sirene (400 si la recherche échoue). Le signalement revient à la "
    "cellule régionale de la région de la structure. 201 : créé ; 200 : déjà reçu avec le même "
    "external_id (rien de plus n'est créé).",
    operation_id="fileAlert",
    url_name="watch_alerts",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def watch_alerts(request, body: AlertIn):
    alert, created = file_from_api(request.auth, request.user, body)
    answer = {
        "id": alert.pk,
        "status": alert.status,
        "structure_id": alert.structure_id,
        "cell": alert.cell.name,
    }
    return Status(201, answer) if created else answer
