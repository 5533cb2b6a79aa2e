"""Self-diagnoses and sharing consents in the history of changes (see aidess.history)."""

from aidess.diagnosis.models import Diagnosis, SharingConsent
from aidess.history.registry import track

track(Diagnosis, structure=lambda diagnosis: diagnosis.structure_id)
track(SharingConsent, structure=lambda consent: consent.structure_id)
