"""The demonstration map of `territories.maps`: ESS structures per department and per region.

It lives here, not in `territories`, because it reads structures and roles (layers above
territories); the watch cell's dashboards draw their maps with the same `maps.map_context`."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from aidess.organizations.enums import Role
from aidess.organizations.permissions import roles_of
from aidess.structures.permissions import structures_visible_to
from aidess.territories.maps import area_name, map_context, number

MAP_ROLES = {Role.WATCH_AGENT, Role.ADMIN}


def structure_counts(user):
    """({department code: n}, {region code: n}) of the structures the user sees: one GROUP BY."""
    rows = (
        structures_visible_to(user)
        .filter(department__isnull=False)
        .values("department_id", "region_id")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    departments, regions = {}, {}
    for row in rows:
        departments[row["department_id"]] = row["count"]
        regions[row["region_id"]] = regions.get(row["region_id"], 0) + row["count"]
    return departments, regions


def aid_search_link(parameter):
    """The aid search filtered on the area: the structure list has no territory filter yet."""
    search = reverse("aids:search")
    return lambda code: f"{search}?{urlencode({parameter: code})}"


def structures_label(level):
    def label(code, value):
        plural = "s" if value > 1 else ""
        return f"{area_name(level, code)} : {number(value)} structure{plural} de l'ESS"

    return label


@login_required
def territory_map(request):
    if not roles_of(request.user) & MAP_ROLES:
        raise Http404
    departments, regions = structure_counts(request.user)
    maps = [
        map_context(
            "department",
            departments,
            link=aid_search_link("department"),
            label=structures_label("department"),
            title="Structures de l'ESS par département",
            value_label="Structures",
        ),
        map_context(
            "region",
            regions,
            link=aid_search_link("region"),
            label=structures_label("region"),
            title="Structures de l'ESS par région",
            value_label="Structures",
        ),
    ]
    return render(request, "core/territory_map.html", {"maps": maps})
