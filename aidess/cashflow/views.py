import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from aidess.cashflow.arithmetic import PlanError, compute, parse_amount
from aidess.cashflow.chart import balance_chart
from aidess.cashflow.forms import PlanFileForm, PlanStartForm
from aidess.cashflow.grid import cell_name, grid_from_post, grid_of, save_grid
from aidess.cashflow.models import MAX_PLAN_MONTHS, CashflowLine, CashflowPlan, LineKind
from aidess.cashflow.pdf import export_pdf
from aidess.cashflow.permissions import can_change_plan, plans_visible_to
from aidess.cashflow.xlsx import export_xlsx, import_xlsx
from aidess.diagnosis.permissions import can_change_finances, structure_for_finances
from aidess.history.bulk import create_logged
from aidess.structures.permissions import structure_for_change


def plan_of(request, pk, plan_id):
    plans = plans_visible_to(request.user).select_related("structure").prefetch_related("lines")
    plan = get_object_or_404(plans, structure_id=pk, pk=plan_id)
    return plan.structure, plan


@login_required
def plan_list(request, pk):
    structure = structure_for_finances(request.user, pk)
    context = {
        "structure": structure,
        "plans": structure.cashflow_plans.all(),
        "can_change": can_change_finances(request.user, structure),
        "form": PlanStartForm(),
    }
    return render(request, "cashflow/list.html", context)


@login_required
def plan_create(request, pk):
    """The new-plan form on a page of its own (a GET here, or a refused POST), or the new plan."""
    structure = structure_for_change(request.user, pk)
    form = PlanStartForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        plan = CashflowPlan.create_blank(
            structure, request.user, start=form.start(), months=form.cleaned_data["months"]
        )
        return redirect(plan)
    return render(
        request,
        "cashflow/create.html",
        {"structure": structure, "form": form},
        status=400 if form.is_bound else 200,
    )


def aid_amount(request, plan):
    """The aid the person wants to try ("what would 5 000 € change?"), or None.

    Typed in the page (GET or POST), else the one saved with the plan."""
    errors = {}
    data = request.POST if request.method == "POST" else request.GET
    if "aide" not in data:
        return plan.aid_simulation_eur
    text = data["aide"]
    amount = parse_amount(text, "aide", errors)  # "5 000" and "5000,50" as in the grid
    return amount if text.strip() and not errors and amount > 0 else None


def grid_sections(grid):
    """Rows of the grid as the template draws them, with each cell's raw value and error."""
    sections, row = [], 0
    for title, lines in (("Encaissements", grid.receipts()), ("Décaissements", grid.expenses())):
        drawn = []
        for line in lines:
            cells = [
                {
                    "name": cell_name(line.key, month),
                    "raw": raw,
                    "month": label,
                    "row": row,
                    "error": grid.errors.get(cell_name(line.key, month), ""),
                }
                for month, (raw, label) in enumerate(
                    zip(line.raw, grid.month_labels(), strict=True)
                )
            ]
            drawn.append(
                {**vars(line), "cells": cells, "label_error": grid.errors.get(f"label-{line.key}")}
            )
            row += 1
        sections.append((title, drawn))
    return sections


def grid_context(structure, plan, grid, request, can_change):
    result = grid.result()
    amount = aid_amount(request, plan)
    return {
        "structure": structure,
        "plan": plan,
        "grid": grid,
        "result": result,
        "columns": list(zip(grid.month_labels(), result.months, strict=True)),
        "chart": balance_chart(result),
        "can_change": can_change,
        "aid_amount": amount,
        "with_aid": compute(grid.as_plan(), top_up=amount) if amount else None,
        "sections": grid_sections(grid),
        "month_choices": range(1, MAX_PLAN_MONTHS + 1),
    }


@login_required
def plan_detail(request, pk, plan_id):
    """The grid. POST with HTMX recomputes totals; "save" stores; "add" appends a line."""
    structure, plan = plan_of(request, pk, plan_id)
    can_change = can_change_plan(request.user, plan)
    if request.method == "POST":
        if not can_change:
            return HttpResponse("Lecture seule : ce plan vous est partagé.", status=403)
        grid = grid_from_post(plan, request.POST)
        action = request.POST.get("action")
        if action == "save" and not grid.errors:
            save_grid(plan, grid, aid_amount(request, plan))
            messages.success(request, "Plan enregistré.")
            return redirect(plan)
        if action == "save":
            messages.error(
                request, "Le plan n'est pas enregistré : corrigez les cellules signalées."
            )
    else:
        grid = grid_of(plan)
    context = grid_context(structure, plan, grid, request, can_change)
    template = (
        "cashflow/_grid.html"
        if request.htmx and request.POST.get("action") != "save"
        else "cashflow/detail.html"
    )
    return render(request, template, context)


@login_required
def plan_xlsx(request, pk, plan_id):
    structure, plan = plan_of(request, pk, plan_id)
    response = HttpResponse(
        export_xlsx(plan.as_plan(), structure.name),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="plan-tresorerie-{plan.pk}.xlsx"'
    return response


@login_required
def plan_pdf(request, pk, plan_id):
    structure, plan = plan_of(request, pk, plan_id)
    response = HttpResponse(
        export_pdf(plan.as_plan(), structure.name, plan.title), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="plan-tresorerie-{plan.pk}.pdf"'
    return response


def check_fits(imported):
    """Refuse what the grid cannot hold: more than 12 months, or a start no calendar knows."""
    if imported.length > MAX_PLAN_MONTHS:
        raise PlanError(
            {
                "mois": f"Un plan compte au plus {MAX_PLAN_MONTHS} mois : ce classeur en a {imported.length}."
            }
        )
    if not 1900 <= imported.start_year <= 2100:
        raise PlanError({"mois": "Le premier mois (ligne 5, colonne C) est hors de 1900 à 2100."})


@transaction.atomic
def create_imported(structure, user, imported):
    plan = CashflowPlan.objects.create(
        structure=structure,
        created_by=user,
        title="Plan de trésorerie importé",
        start=datetime.date(imported.start_year, imported.start_month, 1),
        months=imported.length,
        opening_balance=imported.opening_balance,
    )
    lines = [(LineKind.RECEIPT, "other_receipt", line) for line in imported.receipts]
    lines += [(LineKind.EXPENSE, "other_expense", line) for line in imported.expenses]
    create_logged(
        CashflowLine,
        [
            CashflowLine(
                plan=plan,
                kind=kind,
                category=category,
                label=line.label,
                position=index,
                amounts=[f"{a:.2f}" for a in line.amounts],
            )  # fmt: skip
            for index, (kind, category, line) in enumerate(lines)
        ],
    )
    return plan


@login_required
def plan_import(request, pk):
    """A new plan from an XLSX in the export's layout; nothing existing is overwritten."""
    structure = structure_for_change(request.user, pk)
    errors = {}
    if request.method == "POST":
        form = PlanFileForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {"fichier": form.errors["file"][0]}
        else:
            try:
                imported = import_xlsx(form.cleaned_data["file"].read(2 * 1024 * 1024 + 1))
                check_fits(imported)
            except PlanError as error:
                errors = error.errors
            else:
                plan = create_imported(structure, request.user, imported)
                messages.success(request, "Plan importé.")
                return redirect(plan)
    return render(
        request,
        "cashflow/import.html",
        {"structure": structure, "errors": errors},
        status=400 if errors else 200,
    )
