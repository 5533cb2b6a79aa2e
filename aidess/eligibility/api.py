"""POST /api/v1/eligibility (no account) and GET /api/v1/structures/{id}/eligibility."""

from typing import Annotated

from django.utils import timezone
from ninja import Body, Query, Router
from ninja.decorators import decorate_view
from ninja.security import django_auth

from aidess.core.api import ApiError, StructureId, body_at_most, errors
from aidess.diagnosis.needs import latest_needs
from aidess.eligibility.catalog import evaluate_and_rank_catalog
from aidess.eligibility.profiles import profile_of
from aidess.eligibility.schemas import Profile, Verdicts
from aidess.structures.permissions import structures_visible_to

router = Router(tags=["Éligibilité"])
IncludeClosed = Annotated[bool, Query(description="Inclure les aides clôturées.")]

MAX_BODY_BYTES = 64 * 1024


def verdicts(profile, include_closed, needs=frozenset()):
    """Results in relevance order, as the simulation and Mes aides show them."""
    today = timezone.localdate()
    results = evaluate_and_rank_catalog(profile, today, include_closed, needs)
    return {
        "results": [
            {
                "aid": item.aid.slug,
                "name": item.aid.name,
                "verdict": str(item.verdict),
                "open": item.is_open,
                "near_miss": item.near_miss,
                "rank": item.rank,
                "relevance": item.relevance,
                "criteria": [
                    {"code": c.code, "verdict": str(c.verdict), "reason": c.reason}
                    for c in item.evaluation.criteria
                ],
            }
            for item in results
        ]
    }


@router.post(
    "/eligibility",
    response={200: Verdicts, **errors(400, 413)},
    summary="Éligibilité d'un profil à chaque aide publiée",
    description="Sans compte, rien n'est enregistré. Un corps vide vaut un profil vide.",
    operation_id="evaluateEligibility",
    url_name="eligibility",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def eligibility(request, profile: Body[Profile] = None):
    profile = profile or Profile()
    return verdicts(profile.to_engine(), profile.include_closed, frozenset(profile.needs or ()))


@router.get(
    "/structures/{id}/eligibility",
    auth=django_auth,
    response={200: Verdicts, **errors(400, 401, 404)},
    summary="Éligibilité d'une structure enregistrée",
    description="Compte requis : membres de la structure, partenaires de son territoire, "
    "administrateurs. 404 pour une structure hors de vos droits.",
    operation_id="structureEligibility",
    url_name="structure_eligibility",
)
def structure_eligibility(request, id: StructureId, include_closed: IncludeClosed = False):
    structure = (
        structures_visible_to(request.user)
        .select_related("commune")
        .prefetch_related("situations")
        .filter(pk=id)
        .first()
    )
    if structure is None:
        raise ApiError(404, "Structure introuvable.")
    return verdicts(profile_of(structure), include_closed, latest_needs(structure, request.user))
