"""Imported decisions in the history of changes of their structure."""

from aidess.history.registry import track
from aidess.reviews.models import ImportedDecision

track(ImportedDecision, structure=lambda imported: imported.application.structure_id)
