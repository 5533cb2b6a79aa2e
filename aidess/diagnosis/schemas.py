"""A structure's self-diagnoses as the API gives them: answers, and their reading."""

import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from aidess.diagnosis.assessment import NEED_LABELS, SEVERITY_ORDER


class DiagnosisOut(Schema):
    id: int
    created_at: datetime.datetime
    completed_at: datetime.datetime | None = Field(description="null : pas encore terminé.")
    answers: dict[str, Any] = Field(description="Réponses aux questions, par code de question.")
    severity: Literal[tuple(SEVERITY_ORDER)]
    reasons: list[str]
    needs: list[Literal[tuple(NEED_LABELS)]]
    situations: list[str]
    summary: str


class Diagnoses(Schema):
    structure: int
    diagnoses: list[DiagnosisOut]
