"""Applications as the API gives them: to the applicant (its structures' applications, with
messages, never the instructors' notes) and to instructors (`aidess.instruction.schemas` adds
the notes and what they may do)."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from aidess.applications.enums import ApplicationStatus, MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE

Money = Annotated[str, Field(pattern=r"^\d+\.\d{2}$", description="Montant en euros, 2 décimales.")]
STATUS_CODES = tuple(ApplicationStatus.values)
TRANSITION_NAMES = tuple(APPLICATION_LIFECYCLE.transitions)


class Status(Schema):
    code: Literal[STATUS_CODES] = Field(description="Code de l'état, stable.")
    label: str = Field(description="Libellé de l'état, en français.")


class AidRef(Schema):
    slug: str
    name: str


class StructureRef(Schema):
    id: int
    name: str


class TransitionOut(Schema):
    transition: Literal[TRANSITION_NAMES]
    label: str = Field(description="Ce qui a été fait, ex. « Demander une correction ».")
    from_status: Literal[STATUS_CODES]
    to_status: Literal[STATUS_CODES]
    at: datetime.datetime
    comment: str = Field(
        description="Motif ou réponse lisible par le demandeur (vide si aucun). Le motif d'un "
        "dépassement de l'enveloppe reste interne au financeur."
    )


class ApplicationSummary(Schema):
    id: int
    reference: str | None = Field(description="Numéro donné au dépôt ; null pour un brouillon.")
    aid: AidRef
    structure: StructureRef
    project_title: str
    status: Status
    submitted_at: datetime.datetime | None = Field(description="null : pas encore déposée.")
    amount_requested: Money | None
    amount_granted: Money | None = Field(
        description="Montant accordé ; null si la demande n'est pas (ou plus) acceptée."
    )
    last_transition: TransitionOut | None = Field(
        description="Le dernier changement d'état, avec son motif ; null pour un brouillon."
    )


class ApplicationList(Schema):
    count: int
    results: list[ApplicationSummary]


class MessageOut(Schema):
    id: int
    side: Literal[tuple(MessageAuthor.values)] = Field(
        description="demandeur ou instructeur : qui a écrit."
    )
    body: str
    is_correction_request: bool
    attachment_name: str | None = Field(description="Nom de la pièce jointe ; null sans pièce.")
    created_at: datetime.datetime


class PaymentOut(Schema):
    paid_on: datetime.date
    amount: Money


class Decision(Schema):
    """The last decision as recorded (kept when a decided file is reopened)."""

    amount_granted: Money | None
    conditions: str
    decided_at: datetime.datetime | None


class Project(Schema):
    title: str
    objectives: str
    budget: Money | None
    start: datetime.date | None
    end: datetime.date | None


class ApplicationDetail(ApplicationSummary):
    project: Project
    answers: dict[str, str] = Field(description="Réponses aux questions de l'aide, par question.")
    decision: Decision
    payments: list[PaymentOut]
    messages: list[MessageOut]
    history: list[TransitionOut] = Field(description="Chaque changement d'état, du plus ancien.")
