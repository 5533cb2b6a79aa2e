"""The applicant's side once an application exists: « Mes demandes », the application's page
(state, timeline, messages), messages, answering a correction, withdrawing, the letters and the
documents. Members act; platform administrators read; everyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.applications import letters
from aidess.applications.enums import DECIDED_STATUSES, ApplicationStatus, MessageAuthor
from aidess.applications.forms_apply import CorrectionAnswerForm, MessageForm
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.messaging import add_message, answer_correction
from aidess.applications.permissions import (
    application_for_applicant,
    application_for_reader,
    is_applicant,
    structure_for_file,
)
from aidess.applications.storage import private_download
from aidess.lifecycles.machine import TransitionRefused

# DSFR badge of each state, as « Mes demandes » and the application's page show it.
BADGES = {
    ApplicationStatus.DRAFT: "fr-badge--new",
    ApplicationStatus.SUBMITTED: "fr-badge--info",
    ApplicationStatus.INSTRUCTION: "fr-badge--info",
    ApplicationStatus.CORRECTION: "fr-badge--warning",
    ApplicationStatus.ACCEPTED: "fr-badge--success",
    ApplicationStatus.REFUSED: "fr-badge--error",
    ApplicationStatus.CLOSED: "",
    ApplicationStatus.WITHDRAWN: "",
}


def with_badge(application):
    application.badge = BADGES.get(application.status, "")
    return application


@login_required
def my_applications(request, pk):
    structure = structure_for_file(request.user, pk)
    applications = [
        with_badge(application)
        for application in structure.applications.select_related("aid").order_by(
            "-updated_at", "-pk"
        )
    ]
    return render(
        request,
        "applications/my_applications.html",
        {"structure": structure, "applications": applications},
    )


def page_context(request, application, **forms):
    may_act = is_applicant(request.user, application)
    correction = None
    if application.status == ApplicationStatus.CORRECTION:
        last = APPLICATION_LIFECYCLE.last_into([application], ApplicationStatus.CORRECTION)
        correction = last.get(application.pk)
    offered = {t.name for t in APPLICATION_LIFECYCLE.available(application, request.user)}
    return {
        "application": with_badge(application),
        "aid": application.aid,
        "structure": application.structure,
        "may_act": may_act,
        "history": APPLICATION_LIFECYCLE.history(application),
        "thread": application.messages.select_related("author"),
        "documents": application.documents.all(),
        "correction": correction,
        "may_answer": "answer_correction" in offered,
        "may_withdraw": "withdraw" in offered,
        "decided": application.status in DECIDED_STATUSES,
        "message_form": forms.get("message_form") or MessageForm(),
        "answer_form": forms.get("answer_form") or CorrectionAnswerForm(),
        "plan_result": application.cashflow_plan.result() if application.cashflow_plan else None,
    }


@login_required
def application_detail(request, pk):
    application = application_for_applicant(request.user, pk)
    if application.status == ApplicationStatus.DRAFT and is_applicant(request.user, application):
        return redirect("applications:edit", application.pk)
    return render(request, "applications/application.html", page_context(request, application))


@login_required
@require_POST
def application_message(request, pk):
    application = application_for_applicant(request.user, pk, act=True)
    if application.status == ApplicationStatus.DRAFT:
        raise Http404
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        add_message(
            application,
            request.user,
            MessageAuthor.APPLICANT,
            form.cleaned_data["body"],
            form.cleaned_data.get("attachment"),
            form.detected,
        )
        messages.success(request, "Votre message est envoyé.")
        return redirect(application.get_absolute_url() + "#messages")
    context = page_context(request, application, message_form=form)
    return render(request, "applications/application.html", context, status=400)


@login_required
@require_POST
def application_answer(request, pk):
    application = application_for_applicant(request.user, pk, act=True)
    form = CorrectionAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            answer_correction(
                application,
                request.user,
                form.cleaned_data["answer"],
                form.cleaned_data.get("attachment"),
                form.detected,
            )
        except TransitionRefused as refusal:
            messages.error(request, refusal.message)
            return redirect(application)
        messages.success(request, "Votre réponse est envoyée : l'instruction reprend.")
        return redirect(application)
    context = page_context(request, application, answer_form=form)
    return render(request, "applications/application.html", context, status=400)


@login_required
def application_withdraw(request, pk):
    """A confirmation page, then the withdrawal."""
    application = application_for_applicant(request.user, pk, act=True)
    if request.method == "POST":
        try:
            APPLICATION_LIFECYCLE.apply(application, "withdraw", request.user)
        except TransitionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, "Votre demande est retirée.")
        return redirect(application)
    if "withdraw" not in {
        t.name for t in APPLICATION_LIFECYCLE.available(application, request.user)
    }:
        return redirect(application)
    return render(request, "applications/withdraw.html", {"application": application})


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def receipt_pdf(request, pk):
    application = application_for_reader(request.user, pk)
    try:
        content = letters.receipt(application)
    except letters.NotYet:
        raise Http404 from None
    return pdf_response(content, f"accuse-reception-{application.reference}.pdf")


@login_required
def decision_pdf(request, pk):
    application = application_for_reader(request.user, pk)
    try:
        content = letters.decision_letter(application)
    except letters.NotYet:
        raise Http404 from None
    return pdf_response(content, f"decision-{application.reference}.pdf")


@login_required
def submitted_document(request, pk, document_id):
    application = application_for_reader(request.user, pk)
    document = get_object_or_404(application.documents, pk=document_id)
    return private_download(document.content, document.original_name, document.content_type)


@login_required
def message_attachment(request, pk, message_id):
    application = application_for_reader(request.user, pk)
    message = get_object_or_404(application.messages.exclude(attachment=""), pk=message_id)
    return private_download(message.attachment, message.attachment_name, message.attachment_type)
