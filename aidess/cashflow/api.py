"""POST /api/v1/cashflow (compute, store nothing) and the saved plans and diagnoses of a structure."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aidess.api.responses import api_error, json_response, read_json
from aidess.cashflow.arithmetic import PlanError, compute, money, parse_plan, result_as_json
from aidess.diagnosis.permissions import can_read_finances
from aidess.structures.models import Structure

MAX_BODY_BYTES = 256 * 1024


@csrf_exempt  # anonymous, stores nothing
@require_POST
def cashflow(request):
    data, error = read_json(request, MAX_BODY_BYTES)
    if error:
        return error
    try:
        plan = parse_plan(data)
    except PlanError as error:
        return api_error("Plan invalide.", details=error.errors)
    return json_response(result_as_json(compute(plan)))


def readable_structure(request, pk):
    """(structure, None) when the user may read its finances, else (None, error response):
    401 for an anonymous caller, 404 otherwise (existence never leaks)."""
    if not request.user.is_authenticated:
        return None, api_error("Authentification requise.", 401)
    structure = Structure.objects.filter(pk=pk).first()
    if structure is None or not can_read_finances(request.user, structure):
        return None, api_error("Structure introuvable.", 404)
    return structure, None


@require_GET
def structure_plans(request, pk):
    structure, error = readable_structure(request, pk)
    if error:
        return error
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
    structure, error = readable_structure(request, pk)
    if error:
        return error
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
