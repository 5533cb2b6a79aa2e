"""Applying: start a draft from an aid, fill it (saved as it goes), read the summary, submit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from aidess.aids.permissions import aids_visible_to
from aidess.applications.enums import ApplicationStatus, YearKind
from aidess.applications.forms_apply import ProjectForm
from aidess.applications.models import AidQuestion
from aidess.applications.permissions import application_for_applicant
from aidess.applications.submission import (
    Incomplete,
    file_of,
    latest_diagnosis,
    latest_plan,
    missing_parts,
    start_draft,
    submit,
    takes_applications,
    terms_of,
)
from aidess.core.versioning import StaleEdit, VersionStamp, form_values
from aidess.lifecycles.machine import TransitionRefused
from aidess.structures.permissions import member_structures


def saved_at(application):
    """« Brouillon enregistré à 10 h 05 » (local time)."""
    return timezone.localtime(application.updated_at).strftime("%H h %M")


def questions_of(aid):
    return list(AidQuestion.objects.filter(terms__aid=aid))


@login_required
def apply_start(request, slug):
    """GET: choose the structure (when several); POST: the draft, new or resumed."""
    aid = get_object_or_404(aids_visible_to(request.user), slug=slug)
    structures = list(member_structures(request.user).order_by("name").distinct())
    if not structures:
        raise Http404("Vous n'êtes membre d'aucune structure.")
    if request.method == "POST":
        chosen = next((s for s in structures if str(s.pk) == request.POST.get("structure")), None)
        if chosen is None and len(structures) == 1:
            chosen = structures[0]
        if chosen is not None:
            try:
                draft, created = start_draft(chosen, aid, request.user)
            except TransitionRefused as refusal:
                messages.error(request, refusal.message)
                return redirect(aid)
            if not created:
                messages.info(request, "Vous reprenez le brouillon déjà commencé pour cette aide.")
            return redirect("applications:edit", draft.pk)
        messages.error(request, "Choisissez la structure pour laquelle vous demandez l'aide.")
    elif not takes_applications(aid):
        raise Http404("Cette aide ne reçoit pas de demande dans AidESS.")
    return render(request, "applications/apply_start.html", {"aid": aid, "structures": structures})


def project_values(questions):
    def values(application):
        return form_values(ProjectForm(instance=application, questions=questions))

    return values


def save_draft(form, stamp, application):
    """Save; when the only changes made meanwhile are what this page sends (the autosave of the
    field just left racing the button's submission), save on top of them."""
    try:
        form.save()
    except StaleEdit as stale:
        if not stamp.echoes(stale, application):
            raise
        application.version = stale.current.version
        form.save()


@login_required
def application_edit(request, pk):
    """The project and the aid's questions. HTMX saves on each change (the status line and the
    new version come back); without JavaScript, « Enregistrer le brouillon » does the same."""
    application = application_for_applicant(request.user, pk, act=True)
    if application.status != ApplicationStatus.DRAFT:
        return redirect(application)
    questions = questions_of(application.aid)
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=application, questions=questions)
    stamp = VersionStamp(data, obj=application, values=project_values(questions))
    conflict, status, saved = None, 200, False
    if data is not None:
        if form.is_valid() and stamp.read_version():
            application.updated_by = request.user
            try:
                save_draft(form, stamp, application)
            except StaleEdit as stale:
                conflict, status = stamp.conflict(stale), 409
            else:  # the page goes on from the new version
                saved = True
                stamp = VersionStamp(None, obj=application, values=project_values(questions))
        else:
            status = 400
    context = {
        "application": application,
        "aid": application.aid,
        "terms": terms_of(application.aid),
        "form": form,
        "stamp": stamp,
        "conflict": conflict,
        "saved": saved,
        "saved_at": saved_at(application),
    }
    if request.htmx:  # the status line and the new version (out of band): 200 for htmx to swap
        return render(request, "applications/_autosave.html", context)
    if saved:
        messages.success(request, f"Brouillon enregistré à {saved_at(application)}.")
        if request.POST.get("action") == "summary":
            return redirect("applications:summary", application.pk)
        return redirect("applications:edit", application.pk)
    return render(request, "applications/application_form.html", context, status=status)


def summary_context(application):
    structure = application.structure
    terms = terms_of(application.aid)
    questions = questions_of(application.aid)
    application_file = file_of(structure)
    plan = latest_plan(structure)
    return {
        "application": application,
        "aid": application.aid,
        "structure": structure,
        "terms": terms,
        "answers": [(q, application.answers.get(str(q.pk), "")) for q in questions],
        "file": application_file,
        "budgets": [
            (kind.label, application_file.budget_totals(kind))
            for kind in (YearKind.ACTUAL, YearKind.FORECAST)
        ],
        "documents": application_file.documents.all(),
        "diagnosis": latest_diagnosis(structure),
        "plan": plan,
        "plan_result": plan.result() if plan else None,
        "missing": missing_parts(application),
    }


@login_required
def application_summary(request, pk):
    """Everything that will be sent, what is still missing, and the button to submit."""
    application = application_for_applicant(request.user, pk, act=True)
    if application.status != ApplicationStatus.DRAFT:
        return redirect(application)
    status = 200
    if request.method == "POST":
        try:
            submit(application, request.user)
        except Incomplete:
            status = 400
        except (TransitionRefused, StaleEdit):
            messages.error(request, "Cette demande a changé entre-temps : relisez-la.")
            return redirect("applications:summary", application.pk)
        else:
            messages.success(
                request,
                f"Votre demande est déposée sous le numéro {application.reference}. "
                "Son accusé de réception est disponible ci-dessous.",
            )
            return redirect(application)
    return render(request, "applications/summary.html", summary_context(application), status=status)
