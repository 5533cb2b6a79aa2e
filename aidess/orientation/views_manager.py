"""The managers' page (`/accompagnement/pilotage/`): their organisations' figures for a period,
on the page and as XLSX. Heads of network and administrators only (403 for others)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from aidess.orientation import stats
from aidess.orientation.handling_forms import PeriodForm
from aidess.orientation.reach import NOT_A_MANAGER, may_see_stats, stats_organizations

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def period_label(start, end):
    if start and end:
        return f"du {start:%d/%m/%Y} au {end:%d/%m/%Y}"
    if start:
        return f"depuis le {start:%d/%m/%Y}"
    if end:
        return f"jusqu'au {end:%d/%m/%Y}"
    return "toutes les demandes"


def figures_of(request):
    if not may_see_stats(request.user):
        raise PermissionDenied(NOT_A_MANAGER)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    organizations = stats_organizations(request.user)
    return form, stats.figures_for(organizations, start, end), period_label(start, end)


@login_required
def pilotage(request):
    form, figures, period = figures_of(request)
    return render(
        request,
        "orientation/advisor_pilotage.html",
        {
            "form": form,
            "figures": figures,
            "total_lines": [figures.total],
            "period": period,
            "columns": stats.COLUMNS,
            "query": request.GET.urlencode(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def pilotage_xlsx(request):
    form, figures, period = figures_of(request)
    response = HttpResponse(stats.xlsx_bytes(figures, period), content_type=XLSX)
    name = f"pilotage-accompagnement-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
