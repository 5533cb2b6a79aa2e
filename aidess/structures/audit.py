"""Structures, their members and situations in the history of changes (see aidess.history)."""

from aidess.history.registry import track
from aidess.structures.models import (
    JoinRequest,
    Structure,
    StructureMembership,
    StructureSituation,
)

# Department and region follow the commune; the declaration date follows the situations.
track(
    Structure,
    structure=lambda structure: structure.pk,
    exclude=["department", "region", "situations_declared_at", "is_demo"],
)
track(
    StructureMembership,
    structure=lambda membership: membership.structure_id,
    labels={"user": "membre"},
)
track(StructureSituation, structure=lambda situation: situation.structure_id)
# A request's creation and each change of its state; who decided and why are read from the
# request itself (`history.py` writes one French sentence per entry).
track(
    JoinRequest,
    structure=lambda join: join.structure_id,
    include=["status"],
)
