"""The instructor's page of an application: the file as submitted, the project, the answers,
the attached diagnosis and cash-flow plan, the timeline, messages both ways, private notes, and
the state changes the instructor may make now.

Every view fetches through `permissions.application_for` (404 outside the instructor's aids and
territory). A form sent with a mistake draws the page again with what was typed and the message
next to the field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from aidess.applications import decisions, messaging
from aidess.applications.decisions import decision_panel_context
from aidess.applications.enums import MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Application, Message, Note
from aidess.core.api import ApiError
from aidess.core.versioning import StaleEdit
from aidess.instruction import presenters
from aidess.instruction.action_forms import (
    AssignForm,
    LabelsForm,
    MessageForm,
    NoteForm,
    TransitionForm,
)
from aidess.instruction.permissions import application_for, assignable_users, labels_for

DETAIL_RELATED = (
    "structure__department",
    "structure__commune",
    "aid__application_terms",
    "assigned_to",
    "submitted_by",
    "diagnosis",
    "cashflow_plan",
)
DONE = {
    "instruct": "La demande est en instruction.",
    "request_correction": "La demande de correction est envoyée au demandeur.",
    "refuse": "La demande est refusée ; le demandeur est prévenu.",
    "close": "La demande est classée sans suite ; le demandeur est prévenu.",
    "reopen": "La demande est rouverte et revient en instruction.",
}


def fetch(user, pk):
    return application_for(user, pk, Application.objects.select_related(*DETAIL_RELATED))


def detail_url(application, anchor=""):
    url = reverse("instruction:application", args=[application.pk])
    return f"{url}#{anchor}" if anchor else url


def render_detail(request, application, bound=None, status=200):
    """The page; `bound` {name: form} replaces the blank forms (a form sent with mistakes)."""
    user = request.user
    bound = bound or {}
    documents = list(application.documents.all())
    transitions = [
        (t, bound.get(f"transition-{t.name}") or TransitionForm(transition=t, prefix=t.name))
        for t in APPLICATION_LIFECYCLE.available(application, user)
    ]
    context = {
        "application": application,
        "structure": application.structure,
        "snapshot": presenters.snapshot_sections(
            application.file_snapshot, skip=("documents",) if documents else ()
        ),
        "documents": documents,
        "documents_in_snapshot": not documents
        and presenters.lists_documents(application.file_snapshot),
        "questions": presenters.answered_questions(application),
        "finances": presenters.attached_finances(application),
        "history": APPLICATION_LIFECYCLE.history(application),
        "messages_thread": application.messages.select_related("author"),
        "notes": application.notes.select_related("author"),
        "labels": application.labels.all(),
        "following": application.followers.filter(pk=user.pk).exists(),
        "transitions": transitions,
        "message_form": bound.get("message") or MessageForm(),
        "note_form": bound.get("note") or NoteForm(),
        "assign_form": bound.get("assign")
        or AssignForm(
            users=assignable_users(application), initial={"assignee": application.assigned_to_id}
        ),
        **decision_panel_context(application, user),
        "labels_form": bound.get("labels")
        or LabelsForm(
            labels=labels_for(application, user), initial={"labels": application.labels.all()}
        ),
    }
    return render(request, "instruction/application.html", context, status=status)


@login_required
def application_detail(request, pk):
    return render_detail(request, fetch(request.user, pk))


def apply_transition(application, user, name, reason):
    """Refusals and closings through `decisions` (they clear a granted amount); a correction
    request is also a message the applicant answers."""
    if name in ("refuse", "close"):
        return decisions.decide_without_grant(application, user, name, reason)
    if name == "request_correction":
        return messaging.request_correction(application, user, reason)
    return APPLICATION_LIFECYCLE.apply(application, name, user, reason)


@login_required
@require_POST
def transition(request, pk, name):
    application = fetch(request.user, pk)
    chosen = APPLICATION_LIFECYCLE.transitions.get(name)
    if chosen is None or not chosen.offered:
        raise Http404
    form = TransitionForm(request.POST, transition=chosen, prefix=name)
    if form.is_valid():
        try:
            apply_transition(application, request.user, name, form.cleaned_data["reason"])
        except ApiError as refusal:
            form.add_error("reason" if chosen.comment else None, str(refusal))
        except StaleEdit:
            form.add_error(None, "La demande a été modifiée entre-temps : rechargez la page.")
        else:
            messages.success(request, DONE.get(name, "C'est fait."))
            return redirect(detail_url(application))
    application = fetch(request.user, pk)
    if chosen not in APPLICATION_LIFECYCLE.available(application, request.user):
        # Not a button of the page any more (the state changed): the reason goes on top.
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(detail_url(application))
    return render_detail(request, application, {f"transition-{name}": form})


@login_required
@require_POST
def send_message(request, pk):
    application = fetch(request.user, pk)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_detail(request, application, {"message": form})
    message = Message(
        application=application,
        author=request.user,
        side=MessageAuthor.INSTRUCTOR,
        body=form.cleaned_data["body"].strip(),
    )
    upload = form.cleaned_data.get("attachment")
    if upload:
        message.attachment_name = upload.name[:255]
        message.attachment_type = form.detected.content_type
        message.attachment.save(f"message.{form.detected.extension}", upload, save=False)
    message.save()
    messages.success(request, "Votre message est envoyé au demandeur.")
    return redirect(detail_url(application, "messages"))


@login_required
@require_POST
def add_note(request, pk):
    application = fetch(request.user, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render_detail(request, application, {"note": form})
    Note.objects.create(
        application=application, author=request.user, body=form.cleaned_data["body"].strip()
    )
    messages.success(request, "La note privée est enregistrée.")
    return redirect(detail_url(application, "notes"))
