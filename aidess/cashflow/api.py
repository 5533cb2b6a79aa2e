"""POST /api/v1/cashflow (compute, store nothing) and the saved plans and diagnoses of a structure."""

import json

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aidess.api.responses import api_error, json_response
from aidess.cashflow.arithmetic import PlanError, compute, money, parse_plan, result_as_json
from aidess.diagnosis.models import can_read_finances
from aidess.structures.models import Structure

MAX_BODY_BYTES = 256 * 1024


@csrf_exempt  # anonymous, stores nothing
@require_POST
def cashflow(request):
    if len(request.body) > MAX_BODY_BYTES:
        return api_error("Requête trop volumineuse (256 Ko au plus).", 413)
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return api_error("Le corps de la requête n'est pas du JSON valide.")
    try:
        plan = parse_plan(data)
    except PlanError as error:
        return api_error("Plan invalide.", details=error.errors)
    return json_response(result_as_json(compute(plan)))


def readable_structure(request, pk):
    structure = Structure.objects.filter(pk=pk).first()
    if structure is None or not can_read_finances(request.user, structure):
        return None
    return structure


@require_GET
def structure_plans(request, pk):
    if not request.user.is_authenticated:
        return api_error("Authentification requise.", 401)
    structure = readable_structure(request, pk)
    if structure is None:
        return api_error("Structure introuvable.", 404)
    plans = []
    for plan in structure.cashflow_plans.prefetch_related("lines"):
        arithmetic = plan.as_plan()
        lines = [
            {"kind": kind, "label": line.label, "amounts": [money(a) for a in line.amounts]}
            for kind, group in (("receipt", arithmetic.receipts), ("expense", arithmetic.expenses))
            for line in group
        ]
        plans.append(
            {
                "id": plan.pk,
                "title": plan.title,
                "start": f"{plan.start:%Y-%m}",
                "opening_balance": money(plan.opening_balance),
                "lines": lines,
                "updated_at": plan.updated_at.isoformat(),
                **result_as_json(compute(arithmetic)),
            }
        )
    return json_response({"structure": structure.pk, "plans": plans})


@require_GET
def structure_diagnoses(request, pk):
    if not request.user.is_authenticated:
        return api_error("Authentification requise.", 401)
    structure = readable_structure(request, pk)
    if structure is None:
        return api_error("Structure introuvable.", 404)
    diagnoses = []
    for diagnosis in structure.diagnoses.all():
        assessment = diagnosis.assessment()
        diagnoses.append(
            {
                "id": diagnosis.pk,
                "created_at": diagnosis.created_at.isoformat(),
                "completed_at": diagnosis.completed_at.isoformat()
                if diagnosis.completed_at
                else None,
                "answers": diagnosis.answers,
                "severity": assessment.severity,
                "reasons": [reason for _, reason in assessment.reasons],
                "needs": list(assessment.needs),
                "situations": sorted(assessment.situations),
                "summary": assessment.summary,
            }
        )
    return json_response({"structure": structure.pk, "diagnoses": diagnoses})
