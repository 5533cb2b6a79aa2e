"""The rules of a DLA pathway (seed 004: five steps, 2 months to 2 years, a shared diagnosis the
structure's leaders validate). Plain functions called by the pages; each refusal is a
`PathwayRefused` with a French message, nothing written."""

import calendar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from aidess.orientation.enums import RecipientStatus
from aidess.orientation.permissions import can_handle
from aidess.pathways.enums import STEP_ORDER, PathwayKind, PathwayStatus, Step
from aidess.pathways.lifecycle import PATHWAY_LIFECYCLE
from aidess.pathways.models import MAX_MONTHS, MIN_MONTHS, Pathway, PathwayStep, SharedDiagnosis
from aidess.pathways.permissions import can_change_pathway, can_validate_diagnosis, is_dla

NOT_TAKEN = "La demande doit d'abord être prise en charge (« Prendre en charge ») par le DLA."
NOT_DLA = "Seul un DLA ouvre un parcours DLA : cette organisation ne porte pas le dispositif."
ALREADY_STARTED = "Un parcours DLA est déjà ouvert pour cette demande."
TOO_SHORT = f"Un parcours DLA dure au moins {MIN_MONTHS} mois : choisissez une fin après le {{}}."
TOO_LONG = (
    f"Un parcours DLA dure au plus {MAX_MONTHS // 12} ans : choisissez une fin avant le {{}}."
)
NOT_ACTIVE = "Ce parcours n'est plus en cours : il ne change plus."
NOT_CURRENT = "Seule l'étape en cours (« {} ») peut être terminée."
DIAGNOSIS_NOT_VALIDATED = (
    "Le diagnostic partagé doit être validé par les dirigeants de la structure avant de "
    "construire le parcours."
)
NO_ACTION = (
    "Ajoutez au moins un axe de progrès avec une action avant de terminer la construction du "
    "parcours."
)
BEFORE_START = "L'étape ne peut se terminer avant d'avoir commencé (le {})."
IN_FUTURE = "Une étape ne se termine pas dans le futur : indiquez une date passée ou aujourd'hui."
NOT_DIAGNOSIS_STEP = "Le diagnostic partagé se rédige à l'étape 2 du parcours."
ALREADY_VALIDATED = "Le diagnostic partagé est déjà validé par la structure."
NOT_SUBMITTED = "Le DLA ne vous a pas encore soumis de diagnostic à valider."
NO_CONCLUSIONS = "Rédigez les conclusions et priorités du diagnostic."
NO_REMARKS = "Écrivez vos remarques pour le DLA."
NOT_LEADER = "Seuls les dirigeants (administrateurs) de la structure valident le diagnostic."
TOO_EARLY_TO_PLAN = (
    "Les axes de progrès et les actions se construisent après le diagnostic partagé (étape 3)."
)
NOT_FOLLOW_UP = "Les effets du parcours se constatent au suivi et à la consolidation (étape 5)."
NOT_RUNNER = "Seuls les membres du DLA qui conduit le parcours le modifient."


class PathwayRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def check_duration(started_on, planned_end_on):
    shortest, longest = add_months(started_on, MIN_MONTHS), add_months(started_on, MAX_MONTHS)
    if planned_end_on < shortest:
        raise PathwayRefused(TOO_SHORT.format(f"{shortest:%d/%m/%Y}"))
    if planned_end_on > longest:
        raise PathwayRefused(TOO_LONG.format(f"{longest:%d/%m/%Y}"))


@transaction.atomic
def start(recipient, user, kind, planned_end_on, today=None):
    """The DLA officer who took `recipient` opens its pathway: five steps, the first today."""
    today = today or timezone.localdate()
    if not can_handle(user, recipient):
        raise PermissionDenied(NOT_RUNNER)
    if recipient.status != RecipientStatus.TAKING_CARE:
        raise PathwayRefused(NOT_TAKEN)
    if not is_dla(recipient.organization, recipient.offer):
        raise PathwayRefused(NOT_DLA)
    if Pathway.objects.select_for_update().filter(recipient=recipient).exists():
        raise PathwayRefused(ALREADY_STARTED)
    check_duration(today, planned_end_on)
    pathway = Pathway.objects.create(
        structure=recipient.request.structure,
        organization=recipient.organization,
        recipient=recipient,
        advisor=user,
        kind=PathwayKind(kind),
        started_on=today,
        planned_end_on=planned_end_on,
    )
    for step in STEP_ORDER:
        PathwayStep.objects.create(
            pathway=pathway, step=step, started_on=today if step == Step.WELCOME else None
        )
    return pathway


def _check_runner(pathway, user):
    if not can_change_pathway(user, pathway):
        raise PermissionDenied(NOT_RUNNER)
    if pathway.status != PathwayStatus.ACTIVE:
        raise PathwayRefused(NOT_ACTIVE)


def check_open(pathway, user):
    """The DLA's members change a pathway while it runs."""
    _check_runner(pathway, user)


def check_planning(pathway, user):
    """Areas of change and actions come once the diagnosis is validated (step 3 onwards)."""
    _check_runner(pathway, user)
    if STEP_ORDER.index(pathway.current_step) < STEP_ORDER.index(Step.PLAN):
        raise PathwayRefused(TOO_EARLY_TO_PLAN)


def check_follow_up(pathway, user):
    _check_runner(pathway, user)
    if pathway.current_step != Step.FOLLOW_UP:
        raise PathwayRefused(NOT_FOLLOW_UP)


@transaction.atomic
def complete_step(pathway, step, user, notes="", completed_on=None):
    """End the current step (dated, with what was done) and start the next one; the fifth ends
    the pathway. The diagnosis must be validated, the plan hold an area with an action."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    _check_runner(pathway, user)
    current = Step(pathway.current_step)
    if step != current:
        raise PathwayRefused(NOT_CURRENT.format(current.label))
    today = timezone.localdate()
    completed_on = completed_on or today
    row = pathway.steps.get(step=step)
    if row.started_on and completed_on < row.started_on:
        raise PathwayRefused(BEFORE_START.format(f"{row.started_on:%d/%m/%Y}"))
    if completed_on > today:
        raise PathwayRefused(IN_FUTURE)
    if step == Step.DIAGNOSIS and not _validated(pathway):
        raise PathwayRefused(DIAGNOSIS_NOT_VALIDATED)
    if step == Step.PLAN and not pathway.areas.filter(actions__isnull=False).exists():
        raise PathwayRefused(NO_ACTION)
    row.completed_on, row.notes = completed_on, notes.strip()
    row.save()
    position = STEP_ORDER.index(step)
    if position + 1 < len(STEP_ORDER):
        following = STEP_ORDER[position + 1]
        for next_row in pathway.steps.filter(step=following):  # saved one by one: history
            next_row.started_on = completed_on
            next_row.save()
        pathway.current_step = following
        pathway.save()
    else:
        pathway.ended_on = completed_on
        pathway.save()
        PATHWAY_LIFECYCLE.apply(pathway, "complete", user)
    return pathway


def _validated(pathway):
    return SharedDiagnosis.objects.filter(pathway=pathway, validated_at__isnull=False).exists()


@transaction.atomic
def submit_diagnosis(pathway, user, conclusions, strengths="", weaknesses=""):
    """The advisor submits the diagnosis's conclusions to the structure's leaders (again after
    their remarks, which are then cleared: the history keeps them)."""
    _check_runner(pathway, user)
    if pathway.current_step != Step.DIAGNOSIS:
        raise PathwayRefused(NOT_DIAGNOSIS_STEP)
    if not conclusions.strip():
        raise PathwayRefused(NO_CONCLUSIONS)
    diagnosis, _ = SharedDiagnosis.objects.get_or_create(
        pathway=pathway, defaults={"conclusions": ""}
    )
    if diagnosis.is_validated:
        raise PathwayRefused(ALREADY_VALIDATED)
    diagnosis.conclusions = conclusions.strip()
    diagnosis.strengths, diagnosis.weaknesses = strengths.strip(), weaknesses.strip()
    diagnosis.submitted_at = timezone.now()
    diagnosis.structure_comment = ""
    diagnosis.save()
    return diagnosis


def _submitted_diagnosis(pathway, user):
    if not can_validate_diagnosis(user, pathway):
        raise PermissionDenied(NOT_LEADER)
    if pathway.status != PathwayStatus.ACTIVE:
        raise PathwayRefused(NOT_ACTIVE)
    diagnosis = SharedDiagnosis.objects.select_for_update().filter(pathway=pathway).first()
    if diagnosis is not None and diagnosis.is_validated:
        raise PathwayRefused(ALREADY_VALIDATED)
    if diagnosis is None or diagnosis.submitted_at is None:
        raise PathwayRefused(NOT_SUBMITTED)
    return diagnosis


@transaction.atomic
def validate_diagnosis(pathway, user):
    """A leader of the structure validates the conclusions (seed 004, step 2)."""
    diagnosis = _submitted_diagnosis(pathway, user)
    diagnosis.validated_by, diagnosis.validated_at = user, timezone.now()
    diagnosis.save()
    return diagnosis


@transaction.atomic
def comment_diagnosis(pathway, user, comment):
    """A leader sends remarks instead: the diagnosis goes back to the advisor."""
    diagnosis = _submitted_diagnosis(pathway, user)
    if not comment.strip():
        raise PathwayRefused(NO_REMARKS)
    diagnosis.structure_comment, diagnosis.submitted_at = comment.strip(), None
    diagnosis.save()
    return diagnosis


def diagnosis_state(diagnosis):
    """« draft », « submitted », « remarks » or « validated », for the pages."""
    if diagnosis is None:
        return "draft"
    if diagnosis.is_validated:
        return "validated"
    if diagnosis.submitted_at:
        return "submitted"
    return "remarks" if diagnosis.structure_comment else "draft"


def steps_of(pathway):
    """The five step rows in order, each with its number and documents (one query each)."""
    rows = {row.step: row for row in pathway.steps.all()}
    documents = {}
    for document in pathway.documents.all():
        documents.setdefault(document.step, []).append(document)
    result = []
    for number, step in enumerate(STEP_ORDER, start=1):
        row = rows.get(step) or PathwayStep(pathway=pathway, step=step)
        row.number, row.documents_list = number, documents.get(step, [])
        row.is_current = pathway.status == PathwayStatus.ACTIVE and step == pathway.current_step
        result.append(row)
    return result


def step_number(pathway):
    return STEP_ORDER.index(pathway.current_step) + 1


def default_end(today=None):
    """A proposed end: six months after today."""
    return add_months(today or timezone.localdate(), 6)


@transaction.atomic
def abandon(pathway, user, comment):
    """The DLA stops the pathway (with its reason, in the transition's log)."""
    PATHWAY_LIFECYCLE.apply(pathway, "abandon", user, comment)
    pathway.ended_on = timezone.localdate()
    pathway.save(update_fields=["ended_on", "updated_at"])
    return pathway


def short_label(step):
    """« Diagnostic partagé » for « 2. Diagnostic partagé »."""
    return Step(step).label.split(". ", 1)[1]


def stepper(pathway):
    """What the DSFR stepper shows: the current step's title and number, the next one."""
    total, number = len(STEP_ORDER), step_number(pathway)
    if pathway.status == PathwayStatus.COMPLETED:
        return {
            "title": "Parcours terminé",
            "state": f"Les {total} étapes sont terminées",
            "number": total,
            "total": total,
            "next": "",
        }
    if pathway.status == PathwayStatus.ABANDONED:
        return {
            "title": "Parcours interrompu",
            "state": f"Arrêté à l'étape {number} sur {total}",
            "number": number,
            "total": total,
            "next": "",
        }
    following = STEP_ORDER[number] if number < total else None
    return {
        "title": short_label(pathway.current_step),
        "state": f"Étape {number} sur {total}",
        "number": number,
        "total": total,
        "next": short_label(following) if following else "",
    }
