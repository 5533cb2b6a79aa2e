from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from aidess.core.versioning import StaleEdit, VersionStamp, form_values
from aidess.diagnosis.assessment import NEED_LABELS
from aidess.diagnosis.forms import SharingForm
from aidess.diagnosis.models import Diagnosis, SharingConsent
from aidess.diagnosis.permissions import can_change_finances, structure_for_finances
from aidess.diagnosis.steps import STEPS
from aidess.structures.enums import Situation
from aidess.structures.permissions import structure_for_change


@login_required
def history(request, pk):
    structure = structure_for_finances(request.user, pk)
    context = {
        "structure": structure,
        "diagnoses": structure.diagnoses.all(),
        "can_change": can_change_finances(request.user, structure),
    }
    return render(request, "diagnosis/history.html", context)


@require_POST
@login_required
def start(request, pk):
    """A new diagnosis, prefilled with the previous one's answers; one in progress is resumed."""
    structure = structure_for_change(request.user, pk)
    previous = structure.diagnoses.first()
    if previous and previous.completed_at is None:
        return redirect("diagnosis:step", structure.pk, previous.pk, previous.next_step)
    diagnosis = Diagnosis.objects.create(
        structure=structure,
        created_by=request.user,
        answers=dict(previous.answers) if previous else {},
    )
    return redirect("diagnosis:step", structure.pk, diagnosis.pk, 1)


@login_required
def step(request, pk, diagnosis_id, number):
    """One step's form. The page carries the diagnosis's version: if someone saved it meanwhile,
    this step's answers go on top when only other steps changed, else the save is refused (409)
    with the answers saved meanwhile, and what was typed is kept."""
    structure = structure_for_change(request.user, pk)
    diagnosis = get_object_or_404(structure.diagnoses, pk=diagnosis_id)
    if not 1 <= number <= len(STEPS):
        raise Http404
    form_class = STEPS[number - 1]
    data = request.POST if request.method == "POST" else None
    form = form_class(data, initial=form_class.initial_from(diagnosis.answers))
    stamp = VersionStamp(
        data,
        obj=diagnosis,
        values=lambda stored: form_values(
            form_class(initial=form_class.initial_from(stored.answers))
        ),
    )
    conflict = None
    if request.method == "POST" and form.is_valid() and stamp.read_version():
        for _attempt in range(2):
            try:
                save_step(diagnosis, form, number, request.user)
                conflict = None
                break
            except StaleEdit as stale:
                conflict = stamp.conflict(stale)
                if stale.current is None or conflict.changes:
                    break
                diagnosis = stale.current  # only other steps changed: this one goes on top
        if conflict is None:
            if request.POST.get("action") == "previous" and number > 1:
                return redirect("diagnosis:step", pk, diagnosis.pk, number - 1)
            if number < len(STEPS):
                return redirect("diagnosis:step", pk, diagnosis.pk, number + 1)
            diagnosis.complete()
            messages.success(request, "Autodiagnostic terminé : vos aides sont mises à jour.")
            return redirect(diagnosis)
    context = {
        "structure": structure,
        "diagnosis": diagnosis,
        "form": form,
        "number": number,
        "total": len(STEPS),
        "title": form_class.title,
        "next_title": STEPS[number].title if number < len(STEPS) else "",
        "stamp": stamp,
        "conflict": conflict,
    }
    status = 409 if conflict else 400 if stamp.is_bound and stamp.problem else 200
    return render(request, "diagnosis/step.html", context, status=status)


def save_step(diagnosis, form, number, user):
    diagnosis.answers = {**diagnosis.answers, **form.answers()}
    diagnosis.step = max(diagnosis.step, number)
    diagnosis.updated_by = user
    diagnosis.save(update_fields=["answers", "step", "updated_at"])


@login_required
def result(request, pk, diagnosis_id):
    structure = structure_for_finances(request.user, pk)
    diagnosis = get_object_or_404(structure.diagnoses, pk=diagnosis_id)
    assessment = diagnosis.assessment()
    context = {
        "structure": structure,
        "diagnosis": diagnosis,
        "assessment": assessment,
        "needs": [NEED_LABELS[need] for need in assessment.needs],
        "situations": [Situation(s).label for s in sorted(assessment.situations)],
        "can_change": can_change_finances(request.user, structure),
    }
    return render(request, "diagnosis/result.html", context)


@login_required
def sharing(request, pk):
    structure = structure_for_change(request.user, pk)
    form = SharingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            organization = form.cleaned_data["organization"]
            SharingConsent.grant(structure, organization, request.user)
            messages.success(
                request, f"Vos diagnostics et plans sont partagés avec {organization}."
            )
            return redirect("diagnosis:sharing", pk)
        first_error = next(iter(form.errors.values()))[0]  # the page shows one, as a message
        messages.error(request, first_error)
    context = {
        "structure": structure,
        "organizations": form.fields["organization"].queryset,
        "consents": structure.sharing_consents.select_related("organization"),
    }
    return render(request, "diagnosis/sharing.html", context)


@require_POST
@login_required
def revoke(request, pk, consent_id):
    structure = structure_for_change(request.user, pk)
    consent = get_object_or_404(structure.sharing_consents, pk=consent_id, revoked_at__isnull=True)
    consent.revoked_at = timezone.now()
    consent.save(update_fields=["revoked_at"])
    messages.success(request, f"Le partage avec {consent.organization} est retiré.")
    return redirect("diagnosis:sharing", pk)
