"""The watch cells covering a place: its region's active regional cells, else the national ones.
Used by the relaunches (orientation: who is told of a request left without answer) and by the
watch (which cell an alert belongs to)."""

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization


def active_cells():
    return Organization.objects.filter(kind=OrganizationKind.WATCH_CELL, is_active=True)


def regional_cells(region_code):
    """The active regional watch cells of a region (none without a region)."""
    if region_code is None:
        return Organization.objects.none()
    return active_cells().filter(scope_level=ScopeLevel.REGIONAL, regions=region_code)


def national_cells():
    return active_cells().filter(scope_level=ScopeLevel.NATIONAL)
