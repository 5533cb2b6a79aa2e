from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from aidess.applications import chart
from aidess.applications.enums import BUDGET_NAMES, YearKind
from aidess.applications.forms import (
    AgrementFormSet,
    ApplicationFileForm,
    BudgetFormSet,
    DocumentForm,
)
from aidess.applications.models import ApplicationFile
from aidess.applications.permissions import can_change_file, structure_for_file
from aidess.applications.storage import private_download

BLANK_BUDGET_ROWS = 3


def file_of(structure):
    application_file, _ = ApplicationFile.objects.get_or_create(structure=structure)
    return application_file


def detail_url(structure):
    return reverse("applications:detail", args=[structure.pk])


@login_required
def file_detail(request, pk):
    structure = structure_for_file(request.user, pk)
    application_file = file_of(structure)
    budgets = [
        (kind, BUDGET_NAMES[kind], application_file.budget_totals(kind))
        for kind in (YearKind.ACTUAL, YearKind.FORECAST)
    ]
    return render(
        request,
        "applications/detail.html",
        {
            "structure": structure,
            "file": application_file,
            "can_change": can_change_file(request.user, structure),
            "checklist": application_file.document_checklist(),
            "sections": application_file.sections_filled(),
            "budgets": budgets,
            "documents": application_file.documents.select_related("uploaded_by"),
            "agrements": application_file.agrements.all(),
        },
    )


@login_required
def file_contacts(request, pk):
    structure = structure_for_file(request.user, pk, change=True)
    application_file = file_of(structure)
    initial = {}
    if application_file.volunteers is None and application_file.employees_fte is None:
        initial = {"volunteers": structure.volunteers, "employees_fte": structure.employees_fte}
    form = ApplicationFileForm(request.POST or None, instance=application_file, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, "Les contacts et les moyens humains sont enregistrés.")
        return redirect(detail_url(structure))
    return render(request, "applications/contacts.html", {"structure": structure, "form": form})


def budget_initial(existing):
    """An empty budget starts as the CERFA's list of accounts, amounts left to fill."""
    if existing:
        return []
    return [{"account": account} for account in chart.ACCOUNTS]


@login_required
def file_budget(request, pk, year_kind):
    if year_kind not in YearKind.values:
        raise Http404
    structure = structure_for_file(request.user, pk, change=True)
    application_file = file_of(structure)
    lines = application_file.budget_lines.filter(year_kind=year_kind)
    initial = budget_initial(lines.exists())
    formset = BudgetFormSet(request.POST or None, queryset=lines, initial=initial)
    formset.extra = len(initial) + BLANK_BUDGET_ROWS
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for line in formset.save(commit=False):
                line.file, line.year_kind = application_file, year_kind
                line.save()
            for line in formset.deleted_objects:
                line.delete()
        messages.success(request, f"Le {BUDGET_NAMES[year_kind]} est enregistré.")
        return redirect(detail_url(structure) + "#budget")
    totals = chart.totals(
        (form.instance.account, form.instance.amount, form.instance.label)
        for form in formset.initial_forms
    )
    return render(
        request,
        "applications/budget.html",
        {
            "structure": structure,
            "formset": formset,
            "year_kind": YearKind(year_kind),
            "budget_name": BUDGET_NAMES[year_kind],
            "totals": totals,
        },
    )


@login_required
def file_agrements(request, pk):
    structure = structure_for_file(request.user, pk, change=True)
    application_file = file_of(structure)
    formset = AgrementFormSet(request.POST or None, queryset=application_file.agrements.all())
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for agrement in formset.save(commit=False):
                agrement.file = application_file
                agrement.save()
            for agrement in formset.deleted_objects:
                agrement.delete()
        messages.success(request, "Les agréments sont enregistrés.")
        return redirect(detail_url(structure) + "#agrements")
    return render(
        request, "applications/agrements.html", {"structure": structure, "formset": formset}
    )


@login_required
def document_upload(request, pk):
    structure = structure_for_file(request.user, pk, change=True)
    application_file = file_of(structure)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.save(application_file, request.user)
        messages.success(request, f"« {document.original_name} » est ajouté au dossier.")
        return redirect(detail_url(structure) + "#documents")
    return render(request, "applications/upload.html", {"structure": structure, "form": form})


@login_required
def document_download(request, pk, document_id):
    """The only way to a document: the file's readers get it, as an attachment; others a 404."""
    structure = structure_for_file(request.user, pk)
    document = get_object_or_404(file_of(structure).documents, pk=document_id)
    return private_download(document.content, document.original_name, document.content_type)


@login_required
@require_POST
def document_delete(request, pk, document_id):
    structure = structure_for_file(request.user, pk, change=True)
    document = get_object_or_404(file_of(structure).documents, pk=document_id)
    with transaction.atomic():
        document.delete()
        transaction.on_commit(lambda: document.content.delete(save=False))
    messages.success(request, f"« {document.original_name} » est retiré du dossier.")
    return redirect(detail_url(structure) + "#documents")
