"""The follow-up of an activated plan: the lines the user reads (tabs by status, filters, 50
a page) and a line's page (the structure, its invitation, the actions, the history). A plan or
a line out of reach is a 404; acting on a line one only reads, a 403. Rules in `follow_up.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.core.permissions import get_for_change
from aidess.lifecycles.machine import TransitionRefused
from aidess.plans import follow_up
from aidess.plans.enums import FollowUpStatus, PlanStatus
from aidess.plans.forms import DeclineForm, HelpForm, NeedsForm, TargetFilterForm
from aidess.plans.lifecycle import FOLLOW_UP_LIFECYCLE
from aidess.plans.permissions import can_follow_up, targets_visible_to
from aidess.plans.views import sector_label, visible_plan
from aidess.territories.models import Department

PAGE_SIZE = 50
READ_ONLY = "Vous consultez le suivi de cette structure sans pouvoir le modifier."
FORMS = {"identify_needs": NeedsForm, "help": HelpForm, "decline": DeclineForm}
ACTIONS = {"contact", "unreachable", *FORMS}


def filtered(lines, filters):
    if filters.get("departement"):
        lines = lines.filter(department=filters["departement"])
    if filters.get("secteur"):
        lines = lines.filter(sector=filters["secteur"])
    text = filters.get("q", "").strip()
    if text:
        digits = text.replace(" ", "")
        match = Q(structure__name__icontains=text)
        if digits.isdigit():
            match |= Q(structure__siret__startswith=digits)
        lines = lines.filter(match)
    return lines


@login_required
def target_list(request, pk):
    plan = visible_plan(request.user, pk)
    visible = targets_visible_to(request.user, plan)
    departments = Department.objects.filter(pk__in=visible.values("department")).order_by("code")
    form = TargetFilterForm(request.GET or None, departments=departments)
    filters = form.filters()
    lines = filtered(visible, filters)
    counts = dict(lines.values_list("status").annotate(n=Count("pk")).order_by())
    status = filters.get("statut", "")
    if status:
        lines = lines.filter(status=status)
    lines = lines.select_related("structure", "department", "helped_with_aid").order_by(
        "structure__name", "pk"
    )
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    for line in page.object_list:
        line.sector_label = sector_label(line.sector)
    query = request.GET.copy()
    for key in ("statut", "page"):
        query.pop(key, None)
    tabs = [("", "Toutes", sum(counts.values()))] + [
        (key, label, counts.get(key, 0)) for key, label in FollowUpStatus.choices
    ]
    return render(
        request,
        "plans/targets.html",
        {
            "plan": plan,
            "form": form,
            "page_obj": page,
            "tabs": tabs,
            "status": status,
            "query": query.urlencode(),
            "filtering": any(key != "statut" for key in filters),
        },
    )


def line_of(user, plan, target_pk):
    return get_object_or_404(
        targets_visible_to(user, plan).select_related(
            "structure__commune", "department", "helped_with_aid", "helped_with_offer__scheme"
        ),
        pk=target_pk,
    )


def line_context(request, plan, target, **bound):
    """The line's page; `bound` replaces a form by the one just refused."""
    user = request.user
    may_act = plan.status == PlanStatus.ACTIVE and can_follow_up(user, target)
    context = {
        "plan": plan,
        "target": target,
        "structure": target.structure,
        "sector_label": sector_label(target.sector),
        "may_act": may_act,
        "history": FOLLOW_UP_LIFECYCLE.history(target),
    }
    if may_act:
        buttons = FOLLOW_UP_LIFECYCLE.available(target, user)
        context["buttons"] = [b for b in buttons if not b.comment]
        sources = {name: t.sources for name, t in FOLLOW_UP_LIFECYCLE.transitions.items()}
        if target.status in sources["identify_needs"]:
            context["needs_form"] = bound.get("identify_needs") or NeedsForm(prefix="needs")
        if target.status in sources["help"]:
            context["help_form"] = bound.get("help") or HelpForm(plan=plan, prefix="help")
        if any(b.name == "decline" for b in buttons):
            context["decline_form"] = bound.get("decline") or DeclineForm(prefix="decline")
        context["may_act"] = any(
            context.get(key) for key in ("buttons", "needs_form", "help_form", "decline_form")
        )
    return context


@login_required
def target_detail(request, pk, target_pk):
    plan = visible_plan(request.user, pk)
    target = line_of(request.user, plan, target_pk)
    return render(request, "plans/target.html", line_context(request, plan, target))


PREFIXES = {"identify_needs": "needs", "help": "help", "decline": "decline"}


@login_required
@require_POST
def target_action(request, pk, target_pk, action):
    if action not in ACTIONS:
        raise Http404
    user = request.user
    plan = visible_plan(user, pk)
    target = get_for_change(
        targets_visible_to(user, plan).select_related("structure", "plan"),
        can_follow_up,
        user,
        READ_ONLY,
        pk=target_pk,
    )
    form = None
    if action in FORMS:
        extra = {"plan": plan} if action == "help" else {}
        form = FORMS[action](request.POST, prefix=PREFIXES[action], **extra)
    try:
        if form is not None and not form.is_valid():
            raise TransitionRefused("Corrigez le formulaire ci-dessous.", 400)
        act(target, action, user, form)
    except TransitionRefused as refused:
        target = line_of(user, plan, target_pk)
        context = line_context(request, plan, target, **{action: form})
        context["action_error"] = refused.message
        return render(request, "plans/target.html", context, status=refused.status)
    label = FOLLOW_UP_LIFECYCLE.label(FOLLOW_UP_LIFECYCLE.transitions[action].target)
    messages.success(request, f"Suivi de {target.structure.name} : « {label} ».")
    return redirect("plans:target", plan.pk, target.pk)


def act(target, action, user, form):
    if action == "identify_needs":
        return follow_up.identify_needs(target, user, form.cleaned_data["needs"])
    if action == "help":
        aid, offer = form.chosen_measure()
        return follow_up.record_help(target, user, aid, offer, form.cleaned_data["comment"])
    comment = form.cleaned_data["comment"] if form is not None else ""
    return follow_up.apply(target, action, user, comment)
