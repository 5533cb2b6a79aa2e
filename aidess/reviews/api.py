"""GET /api/v1/watch/impact-review?aid=<slug>: an aid's impact review, for the watch cells and
the aid's providers (the figures the State publishes afterwards; see review.py)."""

from ninja import Query, Router
from ninja.security import django_auth

from aidess.aids.permissions import aids_editable_by, aids_visible_to
from aidess.core.api import ApiError, errors
from aidess.reviews.review import as_json, review
from aidess.reviews.schemas import ImpactReview, ReviewQuery
from aidess.watch.permissions import is_watch_agent

router = Router(tags=["Bilans d'impact"])


@router.get(
    "/watch/impact-review",
    auth=django_auth,
    response={200: ImpactReview, **errors(400, 401, 403, 404)},
    summary="Bilan d'impact d'une aide : structures aidées, ETP préservés, montants",
    description="Compte requis : agents d'une cellule de veille et porteurs de l'aide (403 "
    "sinon ; 404 pour une aide inconnue ou non publiée hors de vos droits). Décisions accordées "
    "entre `from` et `to` (inclus, facultatifs) ; parts par secteur sur 4 décimales.",
    operation_id="impactReview",
    url_name="impact_review",
)
def impact_review(request, query: Query[ReviewQuery]):
    aid = aids_visible_to(request.user).filter(slug=query.aid).first()
    if aid is None:
        raise ApiError(404, "Aide introuvable.")
    if not (is_watch_agent(request.user) or aids_editable_by(request.user).filter(pk=aid.pk)):
        raise ApiError(403, "Réservé aux cellules de veille et aux porteurs de l'aide.")
    if query.start and query.end and query.start > query.end:
        raise ApiError(400, "Période invalide.", {"from": "La date de début est après la fin."})
    return as_json(review(aid=aid, start=query.start, end=query.end))
