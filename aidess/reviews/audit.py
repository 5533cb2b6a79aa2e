"""Imported decisions and testimonies in the history of changes of their structure."""

from aidess.history.registry import track
from aidess.reviews.models import ImportedDecision, Testimony

track(ImportedDecision, structure=lambda imported: imported.application.structure_id)
track(Testimony, structure=lambda testimony: testimony.structure_id)
