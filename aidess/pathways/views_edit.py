"""What changes a pathway from its page: each view checks who may (404 outside reach, 403 when
only readable), then the form, then the rule of `progress.py`; a refusal shows the page again
with the message and what was typed (400)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.core.permissions import get_for_change
from aidess.lifecycles.machine import TransitionRefused
from aidess.pathways import forms, mail, progress
from aidess.pathways.enums import Step
from aidess.pathways.models import PathwayDocument
from aidess.pathways.permissions import can_change_pathway, can_validate_diagnosis
from aidess.pathways.views import detail_context, detail_url, visible_pathways

READ_ONLY = "Vous consultez ce parcours : seuls les membres du DLA qui le conduit le modifient."


def for_change(request, pk):
    return get_for_change(
        visible_pathways(request.user), can_change_pathway, request.user, READ_ONLY, pk=pk
    )


def refused(request, pathway, message="", **bound):
    context = detail_context(request, pathway, **bound)
    context["refusal"] = message or "Le formulaire contient des erreurs : corrigez-les ci-dessous."
    return render(request, "pathways/detail.html", context, status=400)


def _attempt(request, pathway, form_name, form, check, save, success, anchor):
    """Validate `form`, run the rule `check`, then `save`; or show the page again."""
    if not form.is_valid():
        return refused(request, pathway, **{form_name: form})
    try:
        with transaction.atomic():
            check(pathway, request.user)
            save(form.cleaned_data)
    except progress.PathwayRefused as refusal:
        return refused(request, pathway, refusal.message, **{form_name: form})
    messages.success(request, success)
    return redirect(detail_url(pathway, anchor))


@login_required
@require_POST
def complete_step(request, pk, step):
    pathway = for_change(request, pk)
    if step not in Step.values:
        return refused(request, pathway, "Cette étape n'existe pas.")
    form = forms.StepForm(request.POST, prefix="step")
    if not form.is_valid():
        return refused(request, pathway, step_form=form)
    data = form.cleaned_data
    try:
        progress.complete_step(pathway, step, request.user, data["notes"], data["completed_on"])
    except progress.PathwayRefused as refusal:
        return refused(request, pathway, refusal.message, step_form=form)
    pathway.refresh_from_db()
    if pathway.ended_on:
        messages.success(request, "Le parcours est terminé : ses cinq étapes sont datées.")
    else:
        messages.success(
            request, f"Étape terminée : place à « {pathway.get_current_step_display()} »."
        )
    return redirect(detail_url(pathway, "etapes"))


@login_required
@require_POST
def submit_diagnosis(request, pk):
    pathway = for_change(request, pk)
    form = forms.DiagnosisForm(request.POST, prefix="diagnosis")
    if not form.is_valid():
        return refused(request, pathway, diagnosis_form=form)
    data = form.cleaned_data
    try:
        progress.submit_diagnosis(
            pathway, request.user, data["conclusions"], data["strengths"], data["weaknesses"]
        )
    except progress.PathwayRefused as refusal:
        return refused(request, pathway, refusal.message, diagnosis_form=form)
    mail.diagnosis_submitted(pathway, diagnosis_link(request, pathway))
    messages.success(
        request, "Le diagnostic partagé est soumis aux dirigeants de la structure pour validation."
    )
    return redirect(detail_url(pathway, "diagnostic"))


def diagnosis_link(request, pathway):
    return request.build_absolute_uri(detail_url(pathway, "diagnostic"))


def for_leader(request, pk):
    message = "Seuls les dirigeants (administrateurs) de la structure valident le diagnostic."
    return get_for_change(
        visible_pathways(request.user), can_validate_diagnosis, request.user, message, pk=pk
    )


@login_required
@require_POST
def validate_diagnosis(request, pk):
    pathway = for_leader(request, pk)
    try:
        diagnosis = progress.validate_diagnosis(pathway, request.user)
    except progress.PathwayRefused as refusal:
        return refused(request, pathway, refusal.message)
    mail.diagnosis_answered(pathway, diagnosis, diagnosis_link(request, pathway))
    messages.success(
        request, "Vous avez validé le diagnostic partagé : le DLA construit le parcours."
    )
    return redirect(detail_url(pathway, "diagnostic"))


@login_required
@require_POST
def comment_diagnosis(request, pk):
    pathway = for_leader(request, pk)
    form = forms.RemarksForm(request.POST, prefix="remarks")
    if not form.is_valid():
        return refused(request, pathway, remarks_form=form)
    try:
        diagnosis = progress.comment_diagnosis(pathway, request.user, form.cleaned_data["comment"])
    except progress.PathwayRefused as refusal:
        return refused(request, pathway, refusal.message, remarks_form=form)
    mail.diagnosis_answered(pathway, diagnosis, diagnosis_link(request, pathway))
    messages.success(request, "Vos remarques sont transmises au DLA, qui reprendra le diagnostic.")
    return redirect(detail_url(pathway, "diagnostic"))


def _add_to_pathway(request, pk, form, check, message, anchor):
    """An area, an action or an effect of the pathway (`form(pathway, data)`), if allowed."""
    pathway = for_change(request, pk)
    bound = form(pathway, request.POST)

    def save(data):
        bound.instance.pathway = pathway
        bound.save()

    context_name = f"{bound.prefix}_form"
    return _attempt(request, pathway, context_name, bound, check, save, message, anchor)


@login_required
@require_POST
def add_area(request, pk):
    return _add_to_pathway(
        request,
        pk,
        lambda pathway, data: forms.AreaForm(data, prefix="area"),
        progress.check_planning,
        "Axe de progrès ajouté.",
        "axes",
    )


@login_required
@require_POST
def add_action(request, pk):
    return _add_to_pathway(
        request,
        pk,
        lambda pathway, data: forms.ActionForm(data, pathway=pathway, prefix="action"),
        progress.check_planning,
        "Action ajoutée au parcours.",
        "axes",
    )


@login_required
@require_POST
def action_status(request, pk, action_id):
    pathway = for_change(request, pk)
    action = get_object_or_404(pathway.actions, pk=action_id)
    form = forms.ActionStatusForm(request.POST, instance=action, prefix=f"status-{action.pk}")
    return _attempt(
        request,
        pathway,
        "status_form",
        form,
        progress.check_open,
        lambda data: form.save(),
        f"« {action.title} » : {action.get_status_display().lower()}.",
        "axes",
    )


@login_required
@require_POST
def add_collective(request, pk):
    pathway = for_change(request, pk)
    form = forms.CollectiveActionForm(request.POST, prefix="collective")

    def save(data):
        form.instance.organization = pathway.organization
        form.save()

    return _attempt(
        request,
        pathway,
        "collective_form",
        form,
        progress.check_planning,
        save,
        "Action collective créée : rattachez-y ce parcours par une action « collective ».",
        "axes",
    )


@login_required
@require_POST
def add_effect(request, pk):
    return _add_to_pathway(
        request,
        pk,
        lambda pathway, data: forms.EffectForm(data, prefix="effect"),
        progress.check_follow_up,
        "Effets enregistrés.",
        "effets",
    )


@login_required
@require_POST
def upload_document(request, pk):
    pathway = for_change(request, pk)
    form = forms.DocumentForm(request.POST, request.FILES, prefix="document")

    def save(data):
        upload = data["content"]
        document = PathwayDocument(
            pathway=pathway,
            step=data["step"],
            title=data["title"],
            original_name=upload.name[:255],
            content_type=form.detected.content_type,
            size=upload.size,
            uploaded_by=request.user,
        )
        document.content.save(f"{data['step']}.{form.detected.extension}", upload, save=False)
        document.save()

    return _attempt(
        request,
        pathway,
        "document_form",
        form,
        progress.check_open,
        save,
        "Document ajouté au parcours.",
        "etapes",
    )


@login_required
@require_POST
def abandon(request, pk):
    pathway = for_change(request, pk)
    form = forms.AbandonForm(request.POST, prefix="abandon")
    if not form.is_valid():
        return refused(request, pathway, abandon_form=form)
    try:
        progress.abandon(pathway, request.user, form.cleaned_data["comment"])
    except TransitionRefused as refusal:
        return refused(request, pathway, str(refusal.message), abandon_form=form)
    messages.success(request, "Le parcours est interrompu.")
    return redirect(detail_url(pathway))
