"""Follow, assign and label one application, and the private downloads of its documents and
message attachments (served only to its instructors, never by a public URL)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from aidess.applications.storage import private_download
from aidess.core.versioning import StaleEdit
from aidess.instruction import actions
from aidess.instruction.action_forms import AssignForm, LabelsForm
from aidess.instruction.permissions import (
    application_for,
    assignable_users,
    labels_for,
    provider_organizations,
)
from aidess.instruction.views.application import detail_url, fetch, render_detail

STALE = "La demande a été modifiée entre-temps : rechargez la page et recommencez."


@login_required
@require_POST
def follow(request, pk):
    application = application_for(request.user, pk)
    if request.POST.get("follow") == "1":
        actions.follow(application, request.user)
        messages.success(request, "Vous suivez cette demande.")
    else:
        actions.unfollow(application, request.user)
        messages.success(request, "Vous ne suivez plus cette demande.")
    return redirect(detail_url(application))


@login_required
@require_POST
def assign(request, pk):
    application = fetch(request.user, pk)
    form = AssignForm(request.POST, users=assignable_users(application))
    if form.is_valid():
        assignee = form.cleaned_data["assignee"]
        try:
            actions.assign(application, request.user, assignee)
        except actions.ActionRefused as refusal:
            form.add_error("assignee", str(refusal))
        except StaleEdit:
            form.add_error("assignee", STALE)
        else:
            messages.success(
                request,
                f"Demande assignée à {assignee}."
                if assignee
                else "Plus personne n'est chargé de cette demande.",
            )
            return redirect(detail_url(application))
    return render_detail(request, fetch(request.user, pk), {"assign": form})


@login_required
@require_POST
def set_labels(request, pk):
    application = fetch(request.user, pk)
    form = LabelsForm(request.POST, labels=labels_for(application, request.user))
    if form.is_valid():
        chosen = list(form.cleaned_data["labels"])
        name = form.cleaned_data["new_label"]
        organization = provider_organizations(application, request.user).order_by("pk").first()
        try:
            with transaction.atomic():
                if name.strip():
                    chosen.append(actions.create_label(organization, name))
                actions.set_labels(application, request.user, chosen)
        except actions.ActionRefused as refusal:
            form.add_error("labels", str(refusal))
        else:
            messages.success(request, "Les étiquettes sont enregistrées.")
            return redirect(detail_url(application))
    return render_detail(request, application, {"labels": form})


@login_required
def document(request, pk, document_id):
    application = application_for(request.user, pk)
    submitted = get_object_or_404(application.documents, pk=document_id)
    return private_download(submitted.content, submitted.original_name, submitted.content_type)


@login_required
def attachment(request, pk, message_id):
    application = application_for(request.user, pk)
    message = get_object_or_404(application.messages, pk=message_id)
    if not message.attachment:
        raise Http404
    return private_download(message.attachment, message.attachment_name, message.attachment_type)
