"""The watch API: POST /api/v1/watch/risk (no account), the risk level of docs/RISK.md."""

from ninja import Body, Router
from ninja.decorators import decorate_view

from aidess.core.api import body_at_most, errors
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
