"""POST /api/v1/eligibility (no account) and GET /api/v1/structures/{id}/eligibility."""

from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aidess.api.responses import api_error, json_response, read_json
from aidess.eligibility.profiles import profile_of
from aidess.eligibility.requests import InvalidRequest, read_profile
from aidess.eligibility.service import candidate_aids, evaluate_aids
from aidess.structures.models import Structure

MAX_BODY_BYTES = 64 * 1024


def serialize(results):
    return {
        "results": [
            {
                "aid": item.aid.slug,
                "name": item.aid.name,
                "verdict": str(item.verdict),
                "open": item.is_open,
                "near_miss": item.near_miss,
                "criteria": [
                    {"code": c.code, "verdict": str(c.verdict), "reason": c.reason}
                    for c in item.evaluation.criteria
                ],
            }
            for item in results
        ]
    }


def verdicts_response(profile, include_closed):
    today = timezone.localdate()
    results = evaluate_aids(profile, candidate_aids(include_closed), today, include_closed)
    return json_response(serialize(results))


@csrf_exempt  # public, anonymous, stores nothing: no session to protect
@require_POST
def eligibility(request):
    data, error = read_json(request, MAX_BODY_BYTES, when_empty={})
    if error:
        return error
    try:
        profile, include_closed = read_profile(data)
    except InvalidRequest as invalid:
        return api_error("Profil invalide.", details=invalid.errors)
    return verdicts_response(profile, include_closed)


@require_GET
def structure_eligibility(request, pk):
    if not request.user.is_authenticated:
        return api_error("Authentification requise.", 401)
    structure = (
        Structure.objects.visible_to(request.user)
        .select_related("commune")
        .prefetch_related("situations")
        .filter(pk=pk)
        .first()
    )
    if structure is None:
        return api_error("Structure introuvable.", 404)
    include_closed = request.GET.get("include_closed") in ("true", "1")
    return verdicts_response(profile_of(structure), include_closed)
