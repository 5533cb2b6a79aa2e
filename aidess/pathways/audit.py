"""A pathway and what it is made of in the history of changes of its structure."""

from aidess.history.registry import track
from aidess.pathways.models import (
    AreaOfChange,
    CollectiveAction,
    Effect,
    Pathway,
    PathwayAction,
    PathwayDocument,
    PathwayStep,
    SharedDiagnosis,
)

track(Pathway, structure=lambda pathway: pathway.structure_id)
for model in (PathwayStep, SharedDiagnosis, AreaOfChange, PathwayAction, Effect):
    track(model, structure=lambda row: row.pathway.structure_id)
track(PathwayDocument, structure=lambda row: row.pathway.structure_id, exclude=["content"])
track(CollectiveAction)  # shared by several structures: in no structure's own history
