"""Pages of the intake (issue 15): a cell's imports (partners' spreadsheets of alerts and
indicators, their row-by-row reports, the templates to download) and a structure's own
report after a critical self-diagnosis. Only members of a watch cell import, for their zone;
a report is read by the members of the importing cell (404 for anyone else)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from aidess.diagnosis.permissions import can_change_finances, structure_for_finances
from aidess.watch.intake import indicators, spreadsheets
from aidess.watch.intake.common import regional_cell_of
from aidess.watch.intake.forms import IndicatorsForm, SelfReportForm, UploadForm
from aidess.watch.intake.self_report import (
    already_reported,
    can_self_report,
    report_self,
    suggested_cause,
)
from aidess.watch.intake.tables import TableError
from aidess.watch.models import Alert, ImportBatch
from aidess.watch.permissions import cells_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def member_cells(user):
    """The user's watch cells, or 403: the imports are the cells' tool."""
    cells = cells_of(user).order_by("name").prefetch_related("regions")
    if not cells:
        raise PermissionDenied("Réservé aux membres d'une cellule de veille.")
    return cells


@login_required
def imports(request):
    cells = member_cells(request.user)
    batches = ImportBatch.objects.filter(cell__in=cells).select_related("cell", "uploaded_by")
    return render(request, "watch/intake/imports.html", {"batches": batches[:50]})


def upload(request, form_class, template, run):
    cells = member_cells(request.user)
    form = form_class(request.POST or None, request.FILES or None, cells=cells)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = run(data, data["file"].name, data["file"].read())
        except TableError as error:
            form.add_error("file", error.message)
        else:
            return redirect("watch:intake_batch", batch.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "columns": spreadsheets.COLUMNS, "help": indicators.COLUMN_HELP}
    return render(request, template, context, status=status)


@login_required
def upload_alerts(request):
    def run(data, name, content):
        return spreadsheets.import_alerts(
            data["cell"], request.user, data["partner"].strip(), name, content
        )

    return upload(request, UploadForm, "watch/intake/upload_alerts.html", run)


@login_required
def upload_indicators(request):
    def run(data, name, content):
        partner = data["partner"].strip() or indicators.PARTNER_OF_KIND[data["kind"]]
        return indicators.import_indicators(
            data["cell"], request.user, data["kind"], partner, name, content
        )

    return upload(request, IndicatorsForm, "watch/intake/upload_indicators.html", run)


@login_required
def batch(request, pk):
    found = get_object_or_404(
        ImportBatch.objects.filter(cell__in=cells_of(request.user)).select_related(
            "cell", "uploaded_by"
        ),
        pk=pk,
    )
    return render(request, "watch/intake/batch.html", {"batch": found, "rows": report_rows(found)})


def report_rows(batch):
    """The report's rows, each created or unchanged alert with its structure's page."""
    rows = [dict(row) for row in batch.report]
    if batch.kind == ImportBatch.Kind.ALERTS:
        ids = [row["id"] for row in rows if row.get("id")]
        structures = dict(Alert.objects.filter(pk__in=ids).values_list("pk", "structure_id"))
        for row in rows:
            row["structure_id"] = structures.get(row.get("id"))
    return rows


@login_required
def template(request, what):
    member_cells(request.user)
    files = {
        "signalements.csv": (spreadsheets.template_csv, "text/csv; charset=utf-8"),
        "signalements.xlsx": (spreadsheets.template_xlsx, XLSX),
        "indicateurs.csv": (indicators.template_csv, "text/csv; charset=utf-8"),
    }
    if what not in files:
        raise Http404
    build, content_type = files[what]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="modele-{what}"'
    return response


@login_required
def self_report(request, pk, diagnosis_id):
    structure = structure_for_finances(request.user, pk)
    diagnosis = get_object_or_404(structure.diagnoses, pk=diagnosis_id)
    if not can_change_finances(request.user, structure):
        raise PermissionDenied("Seuls les membres de la structure la signalent.")
    if not can_self_report(diagnosis):
        raise Http404("Ce signalement suit un autodiagnostic terminé en situation critique.")
    cell = regional_cell_of(structure)
    sent = already_reported(structure)
    form = SelfReportForm(
        request.POST or None,
        initial={"cause": suggested_cause(diagnosis.assessment().situations)},
    )
    if request.method == "POST" and cell is not None and sent is None and form.is_valid():
        data = form.cleaned_data
        report_self(
            structure, diagnosis, request.user, data["cause"], data["message"], data["confidential"]
        )
        return redirect("watch:intake_self_report", structure.pk, diagnosis.pk)
    context = {
        "structure": structure,
        "diagnosis": diagnosis,
        "cell": cell,
        "sent": sent,
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "watch/intake/self_report.html", context, status=status)
