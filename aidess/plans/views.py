"""A plan's pages for the watch cells and the plan's organisations: the list, the draft's form,
the plan page (definition, the count of structures targeted before activation, activation,
closing and reopening, history). The follow-up lines are in `views_follow_up.py`; the rules in
`permissions.py`, `activation.py` and `lifecycle.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.core.permissions import get_for_change
from aidess.eligibility.targeting import counts_by_place_and_sector
from aidess.eligibility.templatetags.aid_criteria import describe
from aidess.lifecycles.machine import TransitionRefused
from aidess.nomenclatures.vocabulary import SECTORS
from aidess.plans import tasks
from aidess.plans.activation import activate
from aidess.plans.enums import FollowUpStatus, PlanLevel, PlanStatus
from aidess.plans.forms import PlanForm
from aidess.plans.lifecycle import PLAN_LIFECYCLE
from aidess.plans.permissions import (
    can_create_plan,
    can_manage_plan,
    plans_visible_to,
    targets_visible_to,
)
from aidess.plans.targeting import criteria_of, targeted_counts, targeted_structures

NOT_A_MANAGER = "Seuls la cellule qui porte le plan et ses responsables le modifient."
NOT_A_DRAFT = "Seul un plan en préparation se modifie : celui-ci est déjà activé."
NO_CELL = "Seuls les membres d'une cellule de veille préparent un plan d'urgence."
DONE = {"close": "Le plan est clos.", "reopen": "Le plan est rouvert."}


def visible_plan(user, pk):
    return get_object_or_404(plans_visible_to(user).select_related("cell", "parent"), pk=pk)


def managed_plan(user, pk):
    return get_for_change(
        plans_visible_to(user).select_related("cell"), can_manage_plan, user, NOT_A_MANAGER, pk=pk
    )


@login_required
def plan_list(request):
    plans = (
        plans_visible_to(request.user)
        .select_related("cell")
        .prefetch_related("regions")
        .annotate(helped=Count("targets", filter=Q(targets__status=FollowUpStatus.HELPED)))
    )
    return render(
        request,
        "plans/list.html",
        {"plans": plans, "can_create": can_create_plan(request.user)},
    )


@login_required
def plan_create(request):
    if not can_create_plan(request.user):
        raise PermissionDenied(NO_CELL)
    form = PlanForm(request.POST or None, user=request.user)
    if form.is_valid():
        plan = form.save_for(request.user)
        messages.success(request, "Le plan est enregistré en préparation.")
        return redirect("plans:detail", plan.pk)
    return render(request, "plans/edit.html", {"form": form, "is_new": True})


@login_required
def plan_edit(request, pk):
    plan = managed_plan(request.user, pk)
    if plan.status != PlanStatus.DRAFT:
        raise PermissionDenied(NOT_A_DRAFT)
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if form.is_valid():
        form.save_for(request.user)
        messages.success(request, "Le plan est enregistré.")
        return redirect("plans:detail", plan.pk)
    return render(request, "plans/edit.html", {"form": form, "plan": plan, "is_new": False})


def territory_lines(plan):
    regions = [region.name for region in plan.regions.order_by("name")]
    departments = [f"{d.name} ({d.code})" for d in plan.departments.order_by("code")]
    if departments:
        return [f"Départements : {', '.join(departments)}."]
    if regions:
        return [f"Région{'s' if len(regions) > 1 else ''} : {', '.join(regions)}."]
    return ["Toute la France."]


def sector_label(sector):
    """A sector code's label (lines copy the structure's code, without the model's choices)."""
    return SECTORS.get(sector, "")


def with_sector_labels(counts):
    for row in counts["by_sector"]:
        row["label"] = sector_label(row["sector"]) or "Non renseigné"
    return counts


def figures_of(plan, user):
    """Before activation, what the criteria reach today; while activating, that count to come
    and the lines made so far; then the lines the user reads, by status, department and sector."""
    if plan.status == PlanStatus.DRAFT:
        return {"targeted": with_sector_labels(targeted_counts(plan))}
    if plan.status == PlanStatus.ACTIVATING:
        return {"to_come": targeted_structures(plan).count(), "made": plan.targets.count()}
    lines = targets_visible_to(user, plan)
    by_status = dict(lines.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "lines": with_sector_labels(counts_by_place_and_sector(lines, departments_shown=200)),
        "by_status": [
            (status, label, by_status.get(status, 0)) for status, label in FollowUpStatus.choices
        ],
    }


def detail_context(request, plan, **extra):
    user = request.user
    manages = can_manage_plan(user, plan)
    return {
        "plan": plan,
        "criteria": describe(criteria_of(plan))[:-1],  # the last line is an aid's territory
        "territory": territory_lines(plan),
        "aids": plan.aids.order_by("name"),
        "offers": plan.support_offers.select_related("scheme", "organization"),
        "organizations": plan.organizations.order_by("name"),
        "managers": plan.managers.order_by("last_name", "email"),
        "regional_plans": plan.regional_plans.filter(pk__in=plans_visible_to(user).values("pk"))
        if plan.level == PlanLevel.NATIONAL
        else [],
        "can_edit": manages and plan.status == PlanStatus.DRAFT,
        "transitions": PLAN_LIFECYCLE.available(plan, user),
        "history": PLAN_LIFECYCLE.history(plan),
        "figures": figures_of(plan, user),
        "follow_up_open": plan.status in (PlanStatus.ACTIVE, PlanStatus.CLOSED),
        **extra,
    }


@login_required
def plan_detail(request, pk):
    plan = visible_plan(request.user, pk)
    return render(request, "plans/detail.html", detail_context(request, plan))


@login_required
@require_POST
def plan_activate(request, pk):
    plan = managed_plan(request.user, pk)
    try:
        activate(plan, request.user, queue=tasks.create_plan_outreach)
    except TransitionRefused as refused:
        context = detail_context(request, plan, activation_error=refused.message)
        return render(request, "plans/detail.html", context, status=refused.status)
    plan.refresh_from_db()
    if plan.status == PlanStatus.ACTIVE:
        messages.success(request, f"Le plan est activé : {plan.targeted_count} structures ciblées.")
    else:
        messages.success(
            request,
            "L'activation est lancée : les invitations partent et les lignes de suivi se créent.",
        )
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def plan_transition(request, pk, transition):
    if transition not in DONE:  # activation has its own view; `activated` is the queue's
        raise Http404
    plan = managed_plan(request.user, pk)
    comment = request.POST.get("comment", "")
    try:
        PLAN_LIFECYCLE.apply(plan, transition, request.user, comment)
    except TransitionRefused as refused:
        context = detail_context(request, plan, transition_error=refused.message, comment=comment)
        return render(request, "plans/detail.html", context, status=refused.status)
    messages.success(request, DONE[transition])
    return redirect("plans:detail", plan.pk)
