"""Which watch cell a structure's alert belongs to: the active regional cell of its region."""

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization


def active_cells():
    return Organization.objects.filter(kind=OrganizationKind.WATCH_CELL, is_active=True)


def regional_cell_of(structure):
    """The active regional watch cell of the structure's region, or None."""
    if structure.region_id is None:
        return None
    return (
        active_cells()
        .filter(scope_level=ScopeLevel.REGIONAL, regions=structure.region_id)
        .order_by("pk")
        .first()
    )


def national_cell():
    return active_cells().filter(scope_level=ScopeLevel.NATIONAL).order_by("pk").first()
