"""An application's lifecycle, as Démarches Simplifiées runs it: the applicant submits, answers
correction requests and may withdraw; the aid's instructors take it into instruction, ask for
corrections, decide (accept, refuse, close without follow-up) and may reopen a decided file.

Accepting goes through `decisions.accept` (amount, conditions, envelope), never a bare button;
submitting through `submission.submit` (snapshot of the file). Every change is a `TransitionLog`
with its author and reason; notifications and webhooks listen to those logs.
"""

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.permissions import is_applicant, is_instructor
from aidess.lifecycles.machine import Lifecycle, Transition

DRAFT, SUBMITTED, INSTRUCTION, CORRECTION = S.DRAFT, S.SUBMITTED, S.INSTRUCTION, S.CORRECTION
ACCEPTED, REFUSED, CLOSED, WITHDRAWN = S.ACCEPTED, S.REFUSED, S.CLOSED, S.WITHDRAWN


APPLICATION_LIFECYCLE = Lifecycle(
    S,
    [
        Transition("submit", "Déposer la demande", {DRAFT}, SUBMITTED, is_applicant, offered=False),
        Transition("instruct", "Passer en instruction", {SUBMITTED}, INSTRUCTION, is_instructor),
        Transition(
            "request_correction",
            "Demander une correction",
            {SUBMITTED, INSTRUCTION},
            CORRECTION,
            is_instructor,
            comment="Motif de la demande de correction",
        ),
        Transition(
            "answer_correction",
            "Envoyer ma réponse",
            {CORRECTION},
            INSTRUCTION,
            is_applicant,
            comment="Votre réponse",
        ),
        Transition("accept", "Accepter", {INSTRUCTION}, ACCEPTED, is_instructor, offered=False),
        Transition(
            "refuse", "Refuser", {INSTRUCTION}, REFUSED, is_instructor, comment="Motif du refus"
        ),
        Transition(
            "close",
            "Classer sans suite",
            {SUBMITTED, INSTRUCTION, CORRECTION},
            CLOSED,
            is_instructor,
            comment="Motif du classement sans suite",
        ),
        Transition(
            "reopen",
            "Rouvrir le dossier",
            {ACCEPTED, REFUSED, CLOSED},
            INSTRUCTION,
            is_instructor,
            comment="Motif de la réouverture",
        ),
        Transition(
            "withdraw",
            "Retirer ma demande",
            {SUBMITTED, INSTRUCTION, CORRECTION},
            WITHDRAWN,
            is_applicant,
        ),
    ],
)
