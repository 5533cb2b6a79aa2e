"""Which watch cell a structure's alert belongs to: the active regional cell of its region."""

from aidess.organizations.cells import national_cells, regional_cells


def regional_cell_of(structure):
    """The active regional watch cell of the structure's region, or None."""
    return regional_cells(structure.region_id).order_by("pk").first()


def national_cell():
    return national_cells().order_by("pk").first()
