"""GET /api/v1/structures/{id}/diagnoses: a structure's self-diagnoses, for who may read them."""

from ninja import Router
from ninja.security import django_auth

from aidess.core.api import ApiError, StructureId, errors
from aidess.diagnosis.permissions import finances_visible_to
from aidess.diagnosis.schemas import Diagnoses

router = Router(tags=["Autodiagnostic"])


@router.get(
    "/structures/{id}/diagnoses",
    auth=django_auth,
    response={200: Diagnoses, **errors(400, 401, 404)},
    summary="Autodiagnostics d'une structure, datés, avec leur lecture",
    description="Compte requis : membres de la structure, administrateurs, et conseillers d'une "
    "organisation d'accompagnement à laquelle elle a donné son accord. 404 sinon.",
    operation_id="structureDiagnoses",
    url_name="structure_diagnoses",
)
def structure_diagnoses(request, id: StructureId):
    structure = finances_visible_to(request.user).filter(pk=id).first()
    if structure is None:
        raise ApiError(404, "Structure introuvable.")
    diagnoses = []
    for diagnosis in structure.diagnoses.all():
        assessment = diagnosis.assessment()
        diagnoses.append(
            {
                "id": diagnosis.pk,
                "created_at": diagnosis.created_at,
                "completed_at": diagnosis.completed_at,
                "answers": diagnosis.answers,
                "severity": assessment.severity,
                "reasons": [reason for _, reason in assessment.reasons],
                "needs": list(assessment.needs),
                "situations": sorted(assessment.situations),
                "summary": assessment.summary,
            }
        )
    return {"structure": structure.pk, "diagnoses": diagnoses}
