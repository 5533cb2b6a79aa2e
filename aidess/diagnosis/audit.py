"""Self-diagnoses and sharing consents in the history of changes (see aidess.history)."""

from aidess.diagnosis.models import Diagnosis, SharingConsent
from aidess.diagnosis.steps import STEPS
from aidess.history.registry import track

# Each answer by its question, and the chosen options by their wording.
QUESTIONS = {
    name: (field.label, dict(getattr(field, "choices", ())))
    for step in STEPS
    for name, field in step.base_fields.items()
}

track(
    Diagnosis,
    structure=lambda diagnosis: diagnosis.structure_id,
    labels={"created_by": "commencé par"},
    json_keys={"answers": QUESTIONS},
)
track(
    SharingConsent,
    structure=lambda consent: consent.structure_id,
    labels={"granted_by": "accordé par", "granted_at": "accordé le", "revoked_at": "retiré le"},
)
