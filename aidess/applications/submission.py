"""Applying to an aid: a draft per structure and aid, then `submit`, which checks that nothing
is missing, freezes the file (`snapshot.py`) and copies its documents, attaches the latest
self-diagnosis and cash-flow plan, numbers the application and applies the `submit` transition.

What is missing is said in French with a link to where it is fixed (`Missing`): the summary page
lists it before the button, and `submit` refuses with the same list (`Incomplete`, 400).
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from aidess.applications.enums import BUDGET_NAMES, ApplicationStatus, DocumentKind, YearKind
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.links import describe_link
from aidess.applications.models import (
    Application,
    ApplicationFile,
    ApplicationTerms,
    SubmittedDocument,
)
from aidess.applications.snapshot import file_snapshot
from aidess.core.api import ApiError
from aidess.lifecycles.machine import TransitionRefused


@dataclass(frozen=True)
class Missing:
    message: str
    url: str
    link: str  # what the link says: « Compléter le projet »


class Incomplete(ApiError):
    """The application cannot be submitted yet: `missing` says what to add, and where."""

    def __init__(self, missing):
        super().__init__(400, "La demande n'est pas complète : " + " ".join(
            m.message for m in missing
        ))  # fmt: skip
        self.status, self.missing = 400, missing


def takes_applications(aid, day=None):
    """An aid whose provider instructs here, published and open today."""
    return aid.apply_in_aidess and aid.is_open(day)


def terms_of(aid):
    return ApplicationTerms.objects.filter(aid=aid).prefetch_related("questions").first()


def open_draft(structure, aid):
    return Application.objects.filter(
        structure=structure, aid=aid, status=ApplicationStatus.DRAFT
    ).first()


@transaction.atomic
def start_draft(structure, aid, user):
    """The structure's draft for this aid: the one already open, else a new one."""
    draft = open_draft(structure, aid)
    if draft is not None:
        return draft, False
    if not takes_applications(aid):
        raise TransitionRefused("Cette aide ne reçoit pas de demande dans AidESS.", 409)
    draft = Application.objects.create(
        structure=structure, aid=aid, created_by=user, updated_by=user
    )
    return draft, True


def latest_diagnosis(structure):
    return structure.diagnoses.filter(completed_at__isnull=False).order_by("-completed_at").first()


def latest_plan(structure):
    return structure.cashflow_plans.order_by("-updated_at", "-pk").first()


def file_of(structure):
    application_file, _ = ApplicationFile.objects.get_or_create(structure=structure)
    return application_file


def missing_parts(application, today=None):
    """What keeps `application` from being submitted, each with where to fix it."""
    missing = []
    edit = reverse("applications:edit", args=[application.pk])
    structure_id = application.structure_id

    def lack(message, url, link):
        missing.append(Missing(message, url, link))

    if not application.project_title.strip():
        lack("Indiquez l'intitulé du projet.", edit + "#id_project_title", "Compléter le projet")
    if not application.project_objectives.strip():
        lack("Décrivez les objectifs du projet.", edit + "#id_project_objectives", "Compléter")
    if not application.amount_requested_eur or application.amount_requested_eur <= 0:
        lack("Indiquez le montant demandé (plus de 0 €).", edit + "#id_amount_requested_eur", "Compléter")  # fmt: skip
    if application.project_budget_eur is None:
        lack("Indiquez le budget total du projet.", edit + "#id_project_budget_eur", "Compléter")
    terms = terms_of(application.aid)
    if terms is not None:
        for question in terms.questions.all():
            answer = str(application.answers.get(str(question.pk), "")).strip()
            if question.required and not answer:
                lack(
                    f"Répondez à la question « {question.label} ».",
                    edit + f"#id_question_{question.pk}",
                    "Répondre",
                )
        structure = application.structure
        if terms.requires_diagnosis and latest_diagnosis(structure) is None:
            lack(
                "Cette aide demande votre autodiagnostic : terminez-en un.",
                reverse("diagnosis:history", args=[structure_id]),
                "Faire l'autodiagnostic",
            )
        if terms.requires_cashflow_plan and latest_plan(structure) is None:
            lack(
                "Cette aide demande un plan de trésorerie : établissez-le.",
                reverse("cashflow:list", args=[structure_id]),
                "Établir le plan de trésorerie",
            )
    missing += file_missing(file_of(application.structure), structure_id, today)
    return missing


def file_missing(application_file, structure_id, today=None):
    """The parts of the file and the documents missing or out of date."""
    missing = []
    contacts = reverse("applications:contacts", args=[structure_id])
    filled = dict(application_file.sections_filled())
    if not filled["Représentant légal"]:
        missing.append(
            Missing(
                "Indiquez le représentant légal (nom et adresse e-mail) dans le dossier.",
                contacts,
                "Compléter les contacts",
            )
        )
    kinds = set(application_file.budget_lines.values_list("year_kind", flat=True))
    for kind in (YearKind.ACTUAL, YearKind.FORECAST):
        if kind not in kinds:
            missing.append(
                Missing(
                    f"Le {BUDGET_NAMES[kind]} du dossier est vide.",
                    reverse("applications:budget", args=[structure_id, kind.value]),
                    f"Remplir le {BUDGET_NAMES[kind]}",
                )
            )
    upload = reverse("applications:upload", args=[structure_id])
    for item in application_file.document_checklist(today):
        if item.status == "missing":
            message = f"Ajoutez la pièce « {item.label} » au dossier."
        elif item.status == "expired":
            message = (
                f"La pièce « {item.label} » a expiré le {item.valid_until:%d/%m/%Y} : "
                "envoyez-en une à jour."
            )
        else:
            continue
        missing.append(Missing(message, upload, "Ajouter la pièce"))
    return missing


def copy_documents(application, application_file):
    """Each document of the file, copied: replacing it in the file later changes nothing here."""
    copies = []
    for document in application_file.documents.all():
        with document.content.open("rb") as source:
            content = source.read()
        copy = SubmittedDocument(
            application=application,
            kind=document.kind,
            kind_label=DocumentKind(document.kind).label,
            original_name=document.original_name,
            content_type=document.content_type,
            size=document.size,
            valid_until=document.valid_until,
        )
        extension = document.content.name.rsplit(".", 1)[-1]
        copy.content.save(f"{document.kind}-{document.pk}.{extension}", ContentFile(content), save=False)  # fmt: skip
        copy.save()
        copies.append(copy)
    return copies


def next_reference(year):
    """« 2026-000042 »: the year and the next number of that year."""
    last = (
        Application.objects.filter(reference__startswith=f"{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{year}-{number:06d}"


def submit(application, user, today=None):
    """Check, freeze, number and submit; `Incomplete` or `TransitionRefused` change nothing."""
    for attempt in range(5):
        try:
            return _submit(application, user, today)
        except IntegrityError:  # two submissions took the same number: take the next one
            application.refresh_from_db()
            if attempt == 4:
                raise
    return None  # pragma: no cover


@transaction.atomic
def _submit(application, user, today=None):
    stored = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION_LIFECYCLE.check(stored, "submit", user)
    application.status = stored.status
    missing = missing_parts(application, today)
    if missing:
        raise Incomplete(missing)
    now = timezone.now()
    application.reference = next_reference(timezone.localtime(now).year)
    application.updated_by = user
    application.save()  # the number first: a number taken meanwhile retries before any copy
    structure = application.structure
    application_file = file_of(structure)
    documents = copy_documents(application, application_file)
    application.file_snapshot = file_snapshot(application_file, documents)
    application.diagnosis = latest_diagnosis(structure)
    application.cashflow_plan = latest_plan(structure)
    application.submitted_at, application.submitted_by = now, user
    application.applicant_link = describe_link(user, structure)[:300]
    application.save()
    return APPLICATION_LIFECYCLE.apply(application, "submit", user)
