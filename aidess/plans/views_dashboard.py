"""A plan's dashboard page: for whoever reads the plan, its figures since the activation over
the lines they may see (`dashboard.py`), and the map by department. Before the activation, what
the plan would target."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from aidess.nomenclatures.vocabulary import SECTORS
from aidess.plans.dashboard import UNKNOWN, department_map_values, plan_dashboard
from aidess.plans.enums import PlanStatus
from aidess.plans.permissions import plans_visible_to, targets_visible_to
from aidess.plans.targeting import targeted_counts
from aidess.territories.maps import map_context

STARTED = {PlanStatus.ACTIVE, PlanStatus.CLOSED}


@login_required
def dashboard(request, pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    if plan.status not in STARTED:
        return render(request, "plans/dashboard.html", {"plan": plan, **before_activation(plan)})
    figures = plan_dashboard(plan, targets_visible_to(request.user, plan))
    names = {row.key: row for row in figures["by_department"]}
    area_map = map_context(
        "department",
        department_map_values(figures["by_department"]),
        link=lambda code: f"#departement-{code}",
        label=lambda code, value: (
            f"{names[code].label} : {value} structure(s) ciblée(s), "
            f"{names[code].answered_share} % ont répondu, {names[code].helped_share} % aidées"
        ),
        title="Structures ciblées par département",
        value_label="Structures ciblées",
        html_id="carte-plan",
    )
    return render(
        request,
        "plans/dashboard.html",
        {
            "plan": plan,
            **figures,
            # An associated organisation reads the lines of its territory only.
            "partial": figures["total"].targeted < plan.targeted_count,
            "area_map": area_map,
        },
    )


def before_activation(plan):
    """The structures the plan would target today, by department (map) and sector."""
    counts = targeted_counts(plan)
    names = {row["department__code"]: row["department__name"] for row in counts["by_department"]}
    values = {
        row["department__code"]: row["total"]
        for row in counts["by_department"]
        if row["department__code"]
    }
    return {
        "counts": counts,
        "sectors": [
            {"label": SECTORS.get(row["sector"]) or UNKNOWN, "total": row["total"]}
            for row in counts["by_sector"]
        ],
        "area_map": map_context(
            "department",
            values,
            label=lambda code, value: f"{names[code]} : {value} structure(s) ciblée(s)",
            title="Structures que le plan cible par département",
            value_label="Structures ciblées",
            html_id="carte-plan",
        ),
    }
