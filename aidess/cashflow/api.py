"""POST /api/v1/cashflow (compute, store nothing) and GET /api/v1/structures/{id}/cashflow-plans."""

from ninja import Router
from ninja.decorators import decorate_view
from ninja.security import django_auth

from aidess.cashflow.arithmetic import compute, money, result_as_json
from aidess.cashflow.schemas import CashflowPlan, CashflowResult, SavedPlans
from aidess.core.api import ApiError, StructureId, body_at_most, errors
from aidess.diagnosis.permissions import finances_visible_to

router = Router(tags=["Trésorerie"])

MAX_BODY_BYTES = 256 * 1024


@router.post(
    "/cashflow",
    response={200: CashflowResult, **errors(400, 413)},
    summary="Calculer un plan de trésorerie",
    description="Sans compte, rien n'est enregistré.",
    operation_id="computeCashflow",
    url_name="cashflow",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def cashflow(request, plan: CashflowPlan):
    return result_as_json(compute(plan.to_plan()))


@router.get(
    "/structures/{id}/cashflow-plans",
    auth=django_auth,
    response={200: SavedPlans, **errors(400, 401, 404)},
    summary="Plans de trésorerie enregistrés d'une structure, avec leurs soldes",
    description="Compte requis : membres de la structure, administrateurs, et conseillers d'une "
    "organisation d'accompagnement à laquelle elle a donné son accord. 404 sinon.",
    operation_id="structureCashflowPlans",
    url_name="structure_plans",
)
def structure_plans(request, id: StructureId):
    structure = finances_visible_to(request.user).filter(pk=id).first()
    if structure is None:
        raise ApiError(404, "Structure introuvable.")
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
                "updated_at": plan.updated_at,
                **result_as_json(compute(arithmetic)),
            }
        )
    return {"structure": structure.pk, "plans": plans}
