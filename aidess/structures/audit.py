"""Structures, their members and situations in the history of changes (see aidess.history)."""

from aidess.history.registry import track
from aidess.structures.models import Structure, StructureMembership, StructureSituation

# Department and region follow the commune; the declaration date follows the situations.
track(
    Structure,
    structure=lambda structure: structure.pk,
    exclude=["department", "region", "situations_declared_at", "is_demo"],
)
track(StructureMembership, structure=lambda membership: membership.structure_id)
track(StructureSituation, structure=lambda situation: situation.structure_id)
