"""GET /api/v1/watch/impact-review?aid=<slug> (or ?plan=<id>): the impact review of an aid or
of an emergency plan, for the watch cells and the aid's providers or the plan's managers and
partners (the figures the State publishes afterwards; see review.py)."""

from ninja import Query, Router
from ninja.security import django_auth

from aidess.core.api import ApiError, errors
from aidess.reviews.permissions import AID_REFUSED, PLAN_REFUSED, aid_for_review, plan_for_review
from aidess.reviews.review import as_json, review
from aidess.reviews.schemas import ImpactReview, ReviewQuery

router = Router(tags=["Bilans d'impact"])


@router.get(
    "/watch/impact-review",
    auth=django_auth,
    response={200: ImpactReview, **errors(400, 401, 403, 404)},
    exclude_none=True,
    summary="Bilan d'impact d'une aide ou d'un plan : structures aidées, ETP préservés, montants",
    description="`aid` ou `plan`, l'un des deux. Compte requis : agents d'une cellule de veille "
    "et porteurs de l'aide ; pour un plan, agents, responsables du plan et membres de ses "
    "organisations associées (403 sinon ; 404 pour une aide ou un plan hors de vos droits). "
    "Décisions accordées entre `from` et `to` (inclus, facultatifs ; pour un plan, sa période "
    "par défaut) ; parts par secteur sur 4 décimales.",
    operation_id="impactReview",
    url_name="impact_review",
)
def impact_review(request, query: Query[ReviewQuery]):
    if (query.aid is None) == (query.plan is None):
        raise ApiError(
            400,
            "Indiquez une aide ou un plan.",
            {"aid": "Donnez soit `aid` (une aide), soit `plan` (un plan d'urgence)."},
        )
    if query.start and query.end and query.start > query.end:
        raise ApiError(400, "Période invalide.", {"from": "La date de début est après la fin."})
    if query.aid is not None:
        aid, allowed = aid_for_review(request.user, query.aid)
        if aid is None:
            raise ApiError(404, "Aide introuvable.")
        if not allowed:
            raise ApiError(403, AID_REFUSED)
        return as_json(review(aid=aid, start=query.start, end=query.end))
    plan, allowed = plan_for_review(request.user, query.plan)
    if plan is None:
        raise ApiError(404, "Plan introuvable.")
    if not allowed:
        raise ApiError(403, PLAN_REFUSED)
    return as_json(review(plan=plan, start=query.start, end=query.end))
