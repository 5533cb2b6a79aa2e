"""The cell's dashboard page: its zone's figures (`dashboards.py`), the map, and a link from
every figure to the list behind it."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from aidess.territories.maps import map_context
from aidess.territories.models import Region
from aidess.watch.dashboards import dashboard
from aidess.watch.permissions import is_watch_agent, zone_of

LIST_FILTER = {"region": "region", "department": "departement"}  # the list's parameters


def dashboard_page(request):
    if not is_watch_agent(request.user):
        raise Http404
    region_code = request.GET.get("region") or None
    zone = zone_of(request.user)
    region = None
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None or not zone.covers(region.code, None):
            raise Http404
    figures = dashboard(request.user, region_code=region_code)
    level = figures["level"]
    values = {figure.key: figure.alerts for figure in figures["by_area"]}
    names = {figure.key: figure.label for figure in figures["by_area"]}
    list_url = reverse("watch:home")
    area_map = map_context(
        level,
        values,
        link=lambda code: f"{list_url}?{LIST_FILTER[level]}={code}",
        label=lambda code, value: f"{names.get(code, code)} : {value} signalement(s) ouvert(s)",
        title="Signalements ouverts par " + ("région" if level == "region" else "département"),
        value_label="Signalements ouverts",
        html_id="carte-veille",
    )
    return render(
        request,
        "watch/dashboard.html",
        {
            **figures,
            "region": region,
            "national": zone.national,
            "area_map": area_map,
            "regions": regions_of(figures) if level == "region" else [],
        },
    )


def regions_of(figures):
    """The regions with open alerts, for the national cell to open one's dashboard."""
    return [(figure.key, figure.label) for figure in figures["by_area"]]
