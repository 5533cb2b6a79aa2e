"""The watch agent's pages: its home list (filters, sort, 50 rows, XLSX export, the national
cell's escalated tab) and « Signaler une structure ». The structure's page is in
`structure_views.py`."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from aidess.watch import triage
from aidess.watch.enums import URGENCY_RANK, AlertStatus, RiskLevel
from aidess.watch.filing import structure_for_alert
from aidess.watch.forms import AlertForm, HomeFilterForm, zone_departments
from aidess.watch.listing import (
    DEFAULT_SORT,
    NO_URGENCY,
    SORTS,
    watched_rows,
)
from aidess.watch.permissions import (
    cells_of,
    is_national_agent,
    is_watch_agent,
    structures_reachable_by,
    zone_of,
)

PAGE_SIZE = 50
NOT_AN_AGENT = "Ces pages sont réservées aux membres des cellules de veille."
URGENCY_OF_RANK = {rank: urgency for urgency, rank in URGENCY_RANK.items()}
ESCALATED_TAB = "remontees"


def require_agent(user):
    if not is_watch_agent(user):
        raise PermissionDenied(NOT_AN_AGENT)


def listing_context(request):
    """The filters form, the filters (the escalated tab presets the state) and the sort."""
    user = request.user
    form = HomeFilterForm(request.GET or None, departments=zone_departments(zone_of(user)))
    if form.is_bound:
        form.is_valid()  # invalid filters are shown and left out
    filters = form.filters()
    tab = request.GET.get("onglet", "")
    if tab == ESCALATED_TAB:
        filters["etat"] = AlertStatus.ESCALATED
    sort = request.GET.get("tri", DEFAULT_SORT)
    return form, filters, tab, sort if sort in SORTS else DEFAULT_SORT


def decorate(structure):
    """What a row shows, computed from the list's annotations."""
    structure.level_label = RiskLevel(structure.level or RiskLevel.UNKNOWN).label
    structure.level_code = structure.level or RiskLevel.UNKNOWN
    urgency = URGENCY_OF_RANK.get(structure.worst_urgency)
    structure.urgency_label = urgency.label if urgency else ""
    structure.urgency_code = urgency or ""
    return structure


@login_required
def home(request):
    user = request.user
    require_agent(user)
    form, filters, tab, sort = listing_context(request)
    paginator = Paginator(watched_rows(user, filters, sort), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    for structure in page.object_list:
        decorate(structure)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "watch/home.html",
        {
            "form": form,
            "page_obj": page,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "sort": sort,
            "tab": tab,
            "escalated_tab": ESCALATED_TAB,
            "is_national": is_national_agent(user),
            "query": query.urlencode(),
            "filtering": bool(form.filters()),
            "no_urgency": NO_URGENCY,
        },
    )


def text(sheet, value):
    """A text cell that stays text: « =… » typed in a name is never run as a formula."""
    cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
    cell.data_type = "s"
    return cell


@login_required
def export(request):
    """The filtered list as XLSX: the same query, every row; typed text stays text."""
    user = request.user
    require_agent(user)
    _, filters, _, sort = listing_context(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Structures suivies")
    sheet.append(
        [
            "Nom",
            "SIRET",
            "Commune",
            "Département",
            "Secteur",
            "Niveau de risque",
            "Urgence la plus forte",
            "Dernier signalement",
            "Signalements ouverts",
            "Suivie par la cellule",
        ]
    )
    for structure in watched_rows(user, filters, sort):
        decorate(structure)
        cells = [
            text(sheet, structure.name),
            text(sheet, structure.siret),
            text(sheet, structure.commune.name if structure.commune else ""),
            text(sheet, structure.department_id),
            text(sheet, structure.get_sector_display()),
            structure.level_label,
            structure.urgency_label,
            timezone.localtime(structure.last_alert_at).date() if structure.last_alert_at else None,
            structure.open_count,
            "oui" if structure.followed else "non",
        ]
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="structures-veille-{day}.xlsx"'
    return response


@login_required
def report(request):
    """« Signaler une structure »: found by SIRET, created from Sirene, or typed by hand."""
    user = request.user
    require_agent(user)
    form = AlertForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    structure, how = structure_for_alert(
                        data["siret"], data["name"], data["commune"]
                    )
                    cells = [
                        cell
                        for cell in cells_of(user).prefetch_related("regions")
                        if cell.territorial_scope().covers(
                            structure.region_id, structure.department_id
                        )
                    ]
                    if not cells:
                        raise ValidationError({"siret": triage.OUTSIDE_ZONE})
                    alert = triage.file_alert(cells[0], structure, user, **form.alert_fields())
            except ValidationError as error:
                form.add_error(None, error)
            except triage.TransitionRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                created = {"sirene": " (créée depuis le répertoire Sirene)", "manual": " (créée)"}
                messages.success(
                    request,
                    f"Signalement enregistré pour « {structure.name} »{created.get(how, '')}.",
                )
                if not structures_reachable_by(user).filter(pk=structure.pk).exists():
                    return redirect("watch:home")  # confidential, for the regional cell only
                return redirect("watch:structure", pk=alert.structure_id)
        status = 400
    return render(request, "watch/report.html", {"form": form}, status=status)
