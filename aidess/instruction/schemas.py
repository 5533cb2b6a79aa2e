"""The instructors' API: the inbox's filters as query parameters (read into the one
`filters.InboxFilters`), the applications with what only instructors read, and the bodies of the
state changes, decisions and payments."""

import datetime
import re
from typing import Annotated

from ninja import Schema
from pydantic import Field, WrapValidator, model_validator

from aidess.applications.schemas import (
    ApplicationDetail,
    ApplicationSummary,
    Money,
    StructureRef,
)
from aidess.cashflow.schemas import amount as euros
from aidess.core.api import Input, invalid, one_of, refuse
from aidess.core.dates import out_of_range
from aidess.instruction.filters import DEFAULT_TAB, TAB_STATES, TABS, UNASSIGNED, InboxFilters

MAX_LIMIT = 100
DEFAULT_LIMIT = 50
DatabaseId = Annotated[int, Field(ge=1, le=2**63 - 1)]
DEPARTMENT = re.compile(r"^(\d{2,3}|2[AB])$")
TAB_HELP = "Onglet de la boîte : " + ", ".join(f"{key} ({label})" for key, label, _ in TABS) + "."
API_TRANSITIONS = ("instruct", "request_correction", "refuse", "close", "reopen")


def department_code(value, handler):
    text = handler(value).strip().upper()
    if text and not DEPARTMENT.match(text):
        raise refuse(f"Code de département inconnu « {text[:10]} » (ex. 59, 2A, 971).")
    return text


def region_code(value, handler):
    text = handler(value).strip()
    if text and not (len(text) == 2 and text.isdigit()):
        raise refuse(f"Code de région inconnu « {text[:10]} » (2 chiffres, ex. 32).")
    return text


def assignee(value, handler):
    text = handler(value).strip()
    if text and text != UNASSIGNED and not (text.isdigit() and 1 <= int(text) < 2**63):
        raise refuse(f"Valeur attendue : l'identifiant d'un instructeur ou « {UNASSIGNED} ».")
    return text


def plain_text(value, handler):
    text = handler(value)
    if "\x00" in text:
        raise refuse("Caractère nul refusé.")
    try:
        text.encode()
    except UnicodeEncodeError:
        raise refuse("Texte invalide : caractères hors UTF-8.") from None
    return text


def iso_date(value, handler):
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise refuse("Date attendue au format AAAA-MM-JJ.")
    bounds = out_of_range(day.year)
    if bounds:
        raise refuse(bounds)
    return handler(day)


Day = Annotated[datetime.date, WrapValidator(iso_date)]


class InboxQuery(Schema):
    tab: one_of(TAB_STATES) = Field(DEFAULT_TAB, description=TAB_HELP)
    aid: list[DatabaseId] = Field(
        default_factory=list, description="Identifiants d'aides (répétable)."
    )
    region: Annotated[str, WrapValidator(region_code)] = Field(
        "", description="Région de la structure (code INSEE, ex. 32)."
    )
    department: Annotated[str, WrapValidator(department_code)] = Field(
        "", description="Département de la structure (code INSEE, ex. 59)."
    )
    submitted_from: Day | None = Field(None, description="Déposées à partir de ce jour.")
    submitted_to: Day | None = Field(None, description="Déposées jusqu'à ce jour inclus.")
    amount_min: euros() | None = Field(None, description="Montant demandé minimum (€).")
    amount_max: euros() | None = Field(None, description="Montant demandé maximum (€).")
    assigned: Annotated[str, WrapValidator(assignee)] = Field(
        "", description=f"Instructeur chargé (identifiant), ou « {UNASSIGNED} » : personne."
    )
    label: list[DatabaseId] = Field(
        default_factory=list, description="Identifiants d'étiquettes (répétable)."
    )
    q: Annotated[str, WrapValidator(plain_text)] = Field(
        "", max_length=150, description="Numéro, nom de la structure, SIRET ou intitulé du projet."
    )
    cursor: Annotated[str, WrapValidator(plain_text)] = Field(
        "",
        max_length=200,
        description="Curseur opaque de la page suivante (champ next_cursor de la réponse).",
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Demandes par page ({MAX_LIMIT} au plus)."
    )

    @model_validator(mode="after")
    def ranges(self):
        low, high = self.amount_min, self.amount_max
        if low is not None and high is not None and low > high:
            raise invalid("Le maximum doit être supérieur ou égal au minimum.", ["amount_max"])
        start, end = self.submitted_from, self.submitted_to
        if start and end and start > end:
            raise invalid("Cette date doit suivre la date de début.", ["submitted_to"])
        return self

    def filters(self):
        assigned = self.assigned or None
        return InboxFilters(
            tab=self.tab,
            aid_ids=tuple(self.aid),
            region_code=self.region,
            department_code=self.department,
            submitted_from=self.submitted_from,
            submitted_to=self.submitted_to,
            amount_min=self.amount_min,
            amount_max=self.amount_max,
            assigned_to=assigned if assigned in (None, UNASSIGNED) else int(assigned),
            label_ids=tuple(self.label),
            text=self.q,
        )


class InstructedStructure(StructureRef):
    siret: str | None
    department: str | None = Field(description="Code du département du siège.")


class Person(Schema):
    id: int
    name: str


class InstructionSummary(ApplicationSummary):
    structure: InstructedStructure
    assigned_to: Person | None = Field(description="Instructeur chargé ; null : personne.")
    labels: list[str]
    applicant_link: str = Field(
        description="Comment le lien du demandeur avec la structure a été établi."
    )


class Inbox(Schema):
    results: list[InstructionSummary]
    counts: dict[str, int] = Field(
        description="Demandes de chaque onglet sous les mêmes filtres (sans curseur)."
    )
    limit: int
    next_cursor: str | None = Field(description="À renvoyer en paramètre cursor ; null : fin.")
    next: str | None = Field(description="L'adresse de la page suivante ; null : fin.")


class Note(Schema):
    author: str
    body: str
    created_at: datetime.datetime


class InstructionDetail(ApplicationDetail, InstructionSummary):
    notes: list[Note] = Field(description="Notes privées des instructeurs (jamais au demandeur).")
    available_transitions: list[str] = Field(
        description="Les transitions que vous pouvez faire maintenant (champ transition)."
    )
    envelope_override_reason: str = Field(
        description="Motif d'un dépassement de l'enveloppe à l'acceptation ; vide sinon."
    )


class TransitionIn(Input):
    about = "Un changement d'état, avec son motif quand il en faut un."
    invalid = "Changement d'état invalide."
    transition: one_of(API_TRANSITIONS) = Field(
        description="instruct : passer en instruction ; request_correction : demander une "
        "correction (motif) ; refuse : refuser (motif) ; close : classer sans suite (motif) ; "
        "reopen : rouvrir une demande décidée (motif). Accepter : POST …/decision."
    )
    comment: Annotated[str, WrapValidator(plain_text)] = Field(
        "", max_length=5000, description="Motif lu par le demandeur."
    )


class DecisionIn(Input):
    about = "Acceptation avec le montant accordé."
    invalid = "Décision invalide."
    amount: euros() = Field(description="Montant accordé, en euros.")
    conditions: Annotated[str, WrapValidator(plain_text)] = Field("", max_length=5000)
    override_reason: Annotated[str, WrapValidator(plain_text)] = Field(
        "",
        max_length=300,
        description="Motif du dépassement de l'enveloppe de l'aide, obligatoire s'il y en a un "
        "(sinon 409).",
    )


class PaymentIn(Input):
    about = "Un versement d'une demande acceptée."
    invalid = "Versement invalide."
    amount: euros() = Field(description="Montant versé, en euros.")
    paid_on: Day = Field(description="Date du versement (AAAA-MM-JJ).")


class PaymentRecorded(Schema):
    paid_on: datetime.date
    amount: Money
    total_paid: Money
    amount_granted: Money
