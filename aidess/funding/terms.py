"""How an aid takes applications here: its terms (`ApplicationTerms`, one per aid) and its own
questions (`AidQuestion`, in order). Every change writes the history (`applications.audit` for
the terms and the aid, `funding.audit` for the questions)."""

from django.db import transaction
from django.db.models import Max

from aidess.applications.decisions import envelope_of, euros
from aidess.applications.models import AidQuestion, ApplicationTerms


def terms_of(aid):
    """The aid's terms, unsaved defaults when it has none yet (nothing written by reading)."""
    return ApplicationTerms.objects.filter(aid=aid).first() or ApplicationTerms(aid=aid)


@transaction.atomic
def save_terms(aid, user, terms, apply_in_aidess):
    """Save the terms and whether the aid takes applications here (a field of the aid: the
    catalog shows it). Returns warnings in French, e.g. an envelope below what is committed."""
    terms.aid = aid
    terms.save()
    if aid.apply_in_aidess != apply_in_aidess:
        aid.apply_in_aidess = apply_in_aidess
        aid.updated_by = user
        aid.save(update_fields=["apply_in_aidess", "updated_at"])
    envelope = envelope_of(aid)
    warnings = []
    if envelope.voted is not None and envelope.committed > envelope.voted:
        warnings.append(
            f"L'enveloppe votée ({euros(envelope.voted)}) est inférieure aux montants déjà "
            f"engagés ({euros(envelope.committed)}) : toute nouvelle acceptation demandera un "
            "motif de dépassement."
        )
    return warnings


def ensure_terms(aid):
    terms, _ = ApplicationTerms.objects.get_or_create(aid=aid)
    return terms


@transaction.atomic
def add_question(aid, question):
    """Append `question` (unsaved) to the aid's questions."""
    terms = ensure_terms(aid)
    last = terms.questions.aggregate(last=Max("position"))["last"]
    question.terms = terms
    question.position = 0 if last is None else last + 1
    question.save()
    return question


@transaction.atomic
def move_question(question, direction):
    """Swap `question` with its neighbour above (-1) or below (+1); False at either end."""
    siblings = list(question.terms.questions.select_for_update().order_by("position", "pk"))
    index = next(i for i, item in enumerate(siblings) if item.pk == question.pk)
    other = index + direction
    if direction not in (-1, 1) or not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings):
        if item.position != position:  # row by row: each move is in the history
            item.position = position
            item.save(update_fields=["position"])
    return True


def questions_of(aid):
    return AidQuestion.objects.filter(terms__aid=aid).order_by("position", "pk")
