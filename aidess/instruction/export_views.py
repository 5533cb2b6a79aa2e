"""Export pages of the inbox: choose columns and format for a selection, « Mes exports », and
the download of a ready ZIP (to the person who asked only)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from dsfr.forms import DsfrBaseForm

from aidess.aids.models import Aid
from aidess.applications.models import Label
from aidess.applications.permissions import instructing_organizations
from aidess.applications.storage import private_download
from aidess.instruction import exports
from aidess.instruction.forms import InboxFilterForm
from aidess.instruction.models import EXPORT_DAYS, ExportJob, ExportKind
from aidess.instruction.tasks import build_export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportForm(DsfrBaseForm):
    format = forms.ChoiceField(
        label="Format",
        choices=[
            ("csv", "Tableau CSV (séparateur point-virgule)"),
            ("xlsx", "Classeur Excel (XLSX)"),
            ("zip", "Dossiers et pièces jointes (ZIP, préparé en arrière-plan)"),
        ],
        initial="csv",
        widget=forms.RadioSelect,
    )
    columns = forms.MultipleChoiceField(
        label="Colonnes du tableau",
        help_text="Pour les formats CSV et XLSX.",
        choices=[(key, label) for key, label, _value in exports.COLUMNS],
        initial=exports.DEFAULT_COLUMNS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        if data.get("format") in ("csv", "xlsx") and not data.get("columns"):
            self.add_error("columns", "Cochez au moins une colonne.")
        return data


def inbox_filter_form(request):
    """The inbox's filter form on this request's GET, with the person's own choices."""
    organizations = instructing_organizations(request.user)
    aids = Aid.objects.filter(providers__in=organizations).distinct().order_by("name")
    labels = Label.objects.filter(organization__in=organizations).order_by("name")
    instructors = (
        get_user_model()
        .objects.filter(
            organization_memberships__organization__in=organizations,
            organization_memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )
    return InboxFilterForm(
        request.GET,
        aids=aids.values_list("pk", "name"),
        instructors=[(user.pk, str(user)) for user in instructors],
        labels=labels.values_list("pk", "name"),
        user=request.user,
    )


def selection_of(request):
    """(Selection, error): ticked ids (`?ids=1,2,3`) or the inbox's filters."""
    if "ids" in request.GET:
        try:
            ids = exports.parse_ids(request.GET["ids"])
        except ValueError as error:
            return None, str(error)
        return exports.select_ids(request.user, ids), ""
    form = inbox_filter_form(request)
    form.is_valid()  # an invalid filter is left out, as on the inbox page
    return exports.select_filtered(request.user, form.filters()), ""


def stamp():
    return timezone.localtime().strftime("%Y%m%d-%H%M")


@login_required
@require_http_methods(["GET", "POST"])
def export(request):
    if not instructing_organizations(request.user).exists():
        raise PermissionDenied
    selection, error = selection_of(request)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and selection is not None and form.is_valid():
        choice, columns = form.cleaned_data["format"], form.cleaned_data["columns"]
        if not selection.count:
            form.add_error(None, "Aucune demande à exporter dans cette sélection.")
        elif choice == "csv":
            response = StreamingHttpResponse(
                exports.csv_lines(selection.applications, columns),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="demandes-{stamp()}.csv"'
            return response
        elif choice == "xlsx":
            response = HttpResponse(
                exports.xlsx_bytes(selection.applications, columns), content_type=XLSX
            )
            response["Content-Disposition"] = f'attachment; filename="demandes-{stamp()}.xlsx"'
            return response
        elif selection.count > exports.MAX_ZIP_APPLICATIONS:
            form.add_error(
                "format",
                f"Une archive compte au plus {exports.MAX_ZIP_APPLICATIONS} demandes : "
                "resserrez les filtres ou cochez moins de demandes.",
            )
        else:
            job = ExportJob.objects.create(
                requested_by=request.user,
                kind=ExportKind.ZIP,
                application_ids=exports.all_application_ids(selection.applications),
                ignored=selection.ignored,
            )
            build_export(job.pk)
            messages.success(
                request,
                "L'archive est en préparation : elle sera proposée ici dès qu'elle sera prête.",
            )
            return redirect("instruction:my_exports")
    context = {"form": form, "selection": selection, "selection_error": error}
    return render(request, "instruction/export.html", context, status=400 if error else 200)


@login_required
def my_exports(request):
    jobs = ExportJob.objects.filter(requested_by=request.user)
    return render(
        request,
        "instruction/my_exports.html",
        {"jobs": jobs, "export_days": EXPORT_DAYS, "inbox_url": reverse("instruction:inbox")},
    )


@login_required
def export_download(request, pk):
    """The archive, to the person who asked only, while it is kept (404 otherwise)."""
    job = get_object_or_404(ExportJob, pk=pk, requested_by=request.user)
    if not job.is_downloadable:
        raise Http404("Cet export n'est pas ou plus disponible.")
    return private_download(job.file, job.file.name.rsplit("/", 1)[-1])
