"""POST /api/v1/cashflow (compute, store nothing), GET /api/v1/structures/{id}/cashflow-plans,
and PUT of one saved plan with the version it was read at (409 when saved since)."""

from typing import Annotated

from ninja import Path, Router
from ninja.decorators import decorate_view
from ninja.security import django_auth

from aidess.cashflow.arithmetic import compute, money, result_as_json
from aidess.cashflow.grid import grid_from_api, plan_values, save_grid
from aidess.cashflow.permissions import can_change_plan, plans_visible_to
from aidess.cashflow.schemas import CashflowPlan, CashflowResult, PlanUpdate, SavedPlan, SavedPlans
from aidess.core import formats
from aidess.core.api import ApiError, StructureId, body_at_most, errors, json_response
from aidess.core.versioning import Conflict, StaleEdit, StaleError
from aidess.diagnosis.permissions import finances_visible_to

router = Router(tags=["Trésorerie"])

MAX_BODY_BYTES = 256 * 1024
PlanId = Annotated[int, Path(ge=1, le=2**63 - 1, description="Identifiant du plan.")]


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
    plans = [plan_as_json(plan) for plan in structure.cashflow_plans.prefetch_related("lines")]
    return {"structure": structure.pk, "plans": plans}


def plan_as_json(plan):
    arithmetic = plan.as_plan()
    lines = [
        {"kind": kind, "label": line.label, "amounts": [money(a) for a in line.amounts]}
        for kind, group in (("receipt", arithmetic.receipts), ("expense", arithmetic.expenses))
        for line in group
    ]
    return {
        "id": plan.pk,
        "version": plan.version,
        "title": plan.title,
        "start": f"{plan.start:%Y-%m}",
        "opening_balance": money(plan.opening_balance),
        "lines": lines,
        "updated_at": plan.updated_at,
        **result_as_json(compute(arithmetic)),
    }


@router.put(
    "/structures/{id}/cashflow-plans/{plan_id}",
    auth=django_auth,
    response={200: SavedPlan, **errors(400, 401, 403, 404, 413), 409: StaleError},
    summary="Modifier un plan de trésorerie enregistré",
    description="Compte requis : membres de la structure (403 pour qui ne fait que le lire). "
    "Envoyez la `version` lue : si quelqu'un a enregistré le plan depuis, rien n'est modifié et "
    "la réponse 409 dit qui, quand, les valeurs enregistrées qui diffèrent de l'envoi et la "
    "version à relire.",
    operation_id="updateCashflowPlan",
    url_name="update_plan",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def update_plan(request, id: StructureId, plan_id: PlanId, body: PlanUpdate):
    plan = plans_visible_to(request.user).filter(structure_id=id, pk=plan_id).first()
    if plan is None:
        raise ApiError(404, "Plan introuvable.")
    if not can_change_plan(request.user, plan):
        raise ApiError(403, "Lecture seule : ce plan vous est partagé.")
    grid = grid_from_api(plan, body)
    plan.version, plan.updated_by = body.version, request.user
    try:
        save_grid(plan, grid, plan.aid_simulation_eur)
    except StaleEdit as stale:
        return json_response(stale_body(stale.current, grid), 409)
    return plan_as_json(plan)  # lines read again, version and date as just saved


def stale_body(current, grid):
    """409: the stored values (settings, lines) that differ from what was sent."""
    if current is None:
        return Conflict(None, []).as_api()
    sent = {f"{grid.months} mois", formats.euros(grid.opening)}
    sent |= {f"« {line.label} » : {' / '.join(line.raw)}" for line in grid.lines}
    changes = [
        (label, shown) for label, shown in plan_values(current).values() if shown not in sent
    ]
    return Conflict(current, changes).as_api()
