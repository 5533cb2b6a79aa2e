"""The cell's dashboard page: its zone's figures (`dashboards.py`), the map, and a link from
every figure to the list behind it."""

from django.http import Http404
from django.shortcuts import render

from aidess.territories.models import Region
from aidess.watch.dashboards import dashboard
from aidess.watch.permissions import is_watch_agent, zone_of


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
    return render(
        request,
        "watch/dashboard.html",
        {
            **figures,
            "region": region,
            "national": zone.national,
            "area_filter": "region" if figures["level"] == "region" else "department",
        },
    )
