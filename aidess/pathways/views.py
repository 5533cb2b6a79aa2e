"""Pages of a DLA pathway: the advisors' list, the pathway page (the advisor changes it, the
structure reads it and its leaders validate the diagnosis), the structure's list, the start
form and document downloads. Changes are in `views_edit.py`; rules in `progress.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from aidess.applications.storage import private_download
from aidess.orientation.enums import RecipientStatus
from aidess.orientation.permissions import recipients_handled_by
from aidess.pathways import forms
from aidess.pathways.enums import STEP_ORDER, ActionStatus, PathwayStatus, Step
from aidess.pathways.lifecycle import PATHWAY_LIFECYCLE
from aidess.pathways.models import CollectiveAction, SharedDiagnosis
from aidess.pathways.permissions import (
    can_change_pathway,
    can_start_pathway,
    can_validate_diagnosis,
    is_dla,
    is_structure_leader,
    pathways_visible_to,
)
from aidess.pathways.progress import (
    NOT_DLA,
    NOT_TAKEN,
    PathwayRefused,
    default_end,
    diagnosis_state,
    start,
    stepper,
    steps_of,
)
from aidess.structures.models import Structure


def detail_url(pathway, anchor=""):
    return reverse("pathways:detail", args=[pathway.pk]) + (f"#{anchor}" if anchor else "")


def visible_pathways(user):
    return pathways_visible_to(user).select_related("structure", "organization", "advisor")


@login_required
def index(request):
    """The pathways the user sees (its DLA's, or those it manages), grouped by step."""
    pathways = list(visible_pathways(request.user))
    groups = [
        (step, [p for p in pathways if p.status == PathwayStatus.ACTIVE and p.current_step == step])
        for step in STEP_ORDER
    ]
    ended = [p for p in pathways if p.status != PathwayStatus.ACTIVE]
    return render(
        request,
        "pathways/index.html",
        {"groups": groups, "ended": ended, "count": len(pathways)},
    )


@login_required
def structure_pathways(request, structure_id):
    """A structure's pathways; 404 to those who see none of them."""
    structure = get_object_or_404(Structure, pk=structure_id)
    pathways = list(visible_pathways(request.user).filter(structure=structure))
    if (
        not pathways
        and not structure.memberships.filter(user=request.user, is_active=True).exists()
    ):
        raise Http404("Aucun parcours visible pour cette structure.")
    return render(
        request, "pathways/structure.html", {"structure": structure, "pathways": pathways}
    )


def detail_context(request, pathway, **bound):
    """Everything the pathway page shows; `bound` replaces a form by the one just refused."""
    user = request.user
    is_runner = can_change_pathway(user, pathway)
    can_change = is_runner and pathway.status == PathwayStatus.ACTIVE
    diagnosis = SharedDiagnosis.objects.filter(pathway=pathway).first()
    areas = list(pathway.areas.prefetch_related("actions__collective"))
    actions = list(pathway.actions.select_related("area", "collective"))
    collectives = CollectiveAction.objects.filter(  # counted over every pathway joining it
        pk__in=pathway.actions.values("collective")
    ).annotate(structures=Count("pathway_actions__pathway__structure", distinct=True))
    context = {
        "pathway": pathway,
        "steps": steps_of(pathway),
        "can_change": can_change,
        "is_runner": is_runner,
        "is_leader": is_structure_leader(user, pathway.structure),
        "is_member": pathway.structure.memberships.filter(user=user, is_active=True).exists(),
        "can_validate": can_validate_diagnosis(user, pathway)
        and pathway.status == PathwayStatus.ACTIVE,
        "diagnosis": diagnosis,
        "diagnosis_state": diagnosis_state(diagnosis),
        "areas": areas,
        "actions": actions,
        "collectives": collectives,
        "effects": pathway.effects.all(),
        "history": PATHWAY_LIFECYCLE.history(pathway),
        "is_diagnosis_step": pathway.current_step == Step.DIAGNOSIS,
        "is_follow_up": pathway.current_step == Step.FOLLOW_UP,
        "can_plan": STEP_ORDER.index(pathway.current_step) >= STEP_ORDER.index(Step.PLAN),
        "action_statuses": ActionStatus.choices,
        "stepper": stepper(pathway),
    }
    if can_change:
        context.update(
            step_form=forms.StepForm(prefix="step"),
            diagnosis_form=forms.DiagnosisForm(instance=diagnosis, prefix="diagnosis"),
            area_form=forms.AreaForm(prefix="area", initial={"priority": len(areas) + 1}),
            action_form=forms.ActionForm(pathway=pathway, prefix="action"),
            collective_form=forms.CollectiveActionForm(prefix="collective"),
            effect_form=forms.EffectForm(prefix="effect"),
            document_form=forms.DocumentForm(
                prefix="document", initial={"step": pathway.current_step}
            ),
            abandon_form=forms.AbandonForm(prefix="abandon"),
        )
    if context["can_validate"]:
        context["remarks_form"] = forms.RemarksForm(prefix="remarks")
    context.update(bound)
    return context


@login_required
def detail(request, pk):
    pathway = get_object_or_404(visible_pathways(request.user), pk=pk)
    return render(request, "pathways/detail.html", detail_context(request, pathway))


@login_required
def start_pathway(request, recipient_id):
    """Open the pathway of a request the DLA officer has taken (from the request's card)."""
    recipient = get_object_or_404(
        recipients_handled_by(request.user).select_related("request__structure", "organization"),
        pk=recipient_id,
    )
    existing = getattr(recipient, "pathway", None)
    if existing is not None:
        return redirect(detail_url(existing))
    today = timezone.localdate()
    form = forms.StartForm(
        request.POST or None, today=today, initial={"planned_end_on": default_end(today)}
    )
    refusal = None if can_start_pathway(request.user, recipient) else _why_not(recipient)
    if request.method == "POST" and refusal is None and form.is_valid():
        data = form.cleaned_data
        try:
            pathway = start(recipient, request.user, data["kind"], data["planned_end_on"], today)
        except PathwayRefused as refused:
            refusal = refused.message
        else:
            messages.success(request, "Le parcours DLA est ouvert : étape 1, accueil.")
            return redirect(detail_url(pathway))
    context = {"recipient": recipient, "form": form, "refusal": refusal}
    status = 400 if request.method == "POST" else (409 if refusal else 200)
    return render(request, "pathways/start.html", context, status=status)


def _why_not(recipient):
    """The French reason `start` would give, shown instead of the form."""
    if recipient.status != RecipientStatus.TAKING_CARE:
        return NOT_TAKEN
    if not is_dla(recipient.organization, recipient.offer):
        return NOT_DLA
    return None


@login_required
def document_download(request, pk, document_id):
    """The only way to a pathway's document: its readers get it, as an attachment; others 404."""
    pathway = get_object_or_404(pathways_visible_to(request.user), pk=pk)
    document = get_object_or_404(pathway.documents, pk=document_id)
    return private_download(document.content, document.original_name, document.content_type)
