"""The inbox's exports: a selection (ticked ids, or the inbox's filters) as CSV or XLSX with the
columns a person chose, or a ZIP of the selection's files built in the background (`tasks`).

Only applications the person instructs are exported; the others are left out and counted
(`Selection.ignored`), never named.
"""

import io
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.core.files import File
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import get_valid_filename
from openpyxl import Workbook

from aidess.applications.models import Payment
from aidess.applications.permissions import applications_instructed_by
from aidess.core.exports import SafeWriter, neutralized
from aidess.instruction import filters as inbox

MAX_IDS = 5000  # ticked in one page of the inbox: far fewer; beyond, it is not a selection
MAX_ZIP_APPLICATIONS = 500
CENTS = Decimal("0.01")


def _date(value):
    return timezone.localtime(value).date() if value else None


def _amount(value):
    return None if value is None else Decimal(value).quantize(CENTS)


def _person(user):
    return str(user) if user else ""


# (key, label, value of an application read by `rows`): the order of the file's columns.
COLUMNS = [
    ("reference", "Numéro", lambda a: a.reference or ""),
    ("structure", "Structure", lambda a: a.structure.name),
    ("siret", "SIRET", lambda a: a.structure.siret or ""),
    ("department", "Département", lambda a: a.structure.department_id or ""),
    ("aid", "Aide", lambda a: a.aid.name),
    ("project", "Projet", lambda a: a.project_title),
    ("state", "État", lambda a: a.get_status_display()),
    ("submitted_at", "Déposée le", lambda a: _date(a.submitted_at)),
    ("amount_requested", "Montant demandé (€)", lambda a: _amount(a.amount_requested_eur)),
    ("amount_granted", "Montant accordé (€)", lambda a: _amount(a.amount_granted_eur)),
    ("paid", "Montant versé (€)", lambda a: _amount(a.paid_eur)),
    ("decided_at", "Décidée le", lambda a: _date(a.decided_at)),
    ("assigned_to", "Instructeur chargé", lambda a: _person(a.assigned_to)),
    ("labels", "Étiquettes", lambda a: ", ".join(label.name for label in a.labels.all())),
]
COLUMN_LABELS = {key: label for key, label, _value in COLUMNS}
DEFAULT_COLUMNS = [
    "reference", "structure", "siret", "department", "aid", "state", "submitted_at",
    "amount_requested", "amount_granted", "paid", "assigned_to", "labels",
]  # fmt: skip


@dataclass
class Selection:
    applications: object  # a queryset of what the person may export
    count: int
    ignored: int = 0  # ticked ids outside the person's reach (or unknown): left out
    from_ids: bool = False

    @property
    def ignored_message(self):
        if not self.ignored:
            return ""
        if self.ignored == 1:
            return "1 demande ignorée : hors de votre périmètre."
        return f"{self.ignored} demandes ignorées : hors de votre périmètre."


def parse_ids(text):
    """`1,2,3` as a list of distinct ids; ValueError in French for anything else."""
    ids = []
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"« {part[:20]} » n'est pas un numéro de demande.")
        if int(part) not in ids:
            ids.append(int(part))
    if len(ids) > MAX_IDS:
        raise ValueError(f"Une sélection compte au plus {MAX_IDS} demandes.")
    return ids


def select_ids(user, ids):
    """The ticked applications the user instructs; the others counted as ignored."""
    applications = (
        applications_instructed_by(user).filter(pk__in=ids).order_by("-submitted_at", "-pk")
    )
    count = applications.count()
    return Selection(applications, count, ignored=len(ids) - count, from_ids=True)


def select_filtered(user, filters):
    """What the inbox shows under `filters` (an `InboxFilters`): the same query as the page."""
    applications = inbox.select(applications_instructed_by(user), filters)
    return Selection(applications, applications.count())


def with_columns(applications):
    """What the columns read, in a few queries whatever the number of rows."""
    paid = (
        Payment.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum("amount_eur"))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    return (
        applications.select_related("structure", "aid", "assigned_to")
        .prefetch_related("labels")
        .annotate(paid_eur=Coalesce(Subquery(paid, money), Value(0, money), output_field=money))
    )


def rows(applications, columns):
    """The header then one list per application, with the chosen columns in COLUMNS' order."""
    chosen = [(label, value) for key, label, value in COLUMNS if key in columns]
    yield [label for label, _value in chosen]
    for application in with_columns(applications).iterator(chunk_size=500):
        yield [value(application) for _label, value in chosen]


class Echo:
    """A file-like object whose `write` returns what it is given (for streamed CSV)."""

    def write(self, value):
        return value


def csv_lines(applications, columns):
    """The CSV as lines (UTF-8 with BOM, `;`, as French spreadsheet software reads it)."""
    writer = SafeWriter(Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows(applications, columns):
        yield writer.writerow(row)


def xlsx_bytes(applications, columns):
    """The workbook: dates and amounts as spreadsheet values, text never read as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Demandes")
    for row in rows(applications, columns):
        sheet.append([neutralized(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The ZIP of files ------------------------------------------------------------------------


def receipt(application):
    """What was submitted, as the receipt gives it: read by people and by programs."""
    return {
        "numero": application.reference,
        "etat": application.get_status_display(),
        "aide": application.aid.name,
        "structure": {
            "nom": application.structure.name,
            "siret": application.structure.siret,
            "rna": application.structure.rna_number or None,
        },
        "deposee_le": application.submitted_at.isoformat() if application.submitted_at else None,
        "rattachement_du_demandeur": application.applicant_link,
        "projet": {
            "intitule": application.project_title,
            "objectifs": application.project_objectives,
            "budget_eur": _money(application.project_budget_eur),
            "montant_demande_eur": _money(application.amount_requested_eur),
            "debut": _iso(application.project_start),
            "fin": _iso(application.project_end),
        },
        "reponses": application.answers,
        "dossier": application.file_snapshot,
        "decision": {
            "montant_accorde_eur": _money(application.amount_granted_eur),
            "conditions": application.decision_conditions,
            "decidee_le": application.decided_at.isoformat() if application.decided_at else None,
        },
    }


def _money(value):
    return None if value is None else f"{value:.2f}"


def _iso(value):
    return value.isoformat() if value else None


def _safe(name, fallback):
    return get_valid_filename(name or "") or fallback


def _copy(archive, field, arcname):
    """A stored file into the archive, a chunk at a time; False when it is missing on disk."""
    try:
        source = field.open("rb")
    except FileNotFoundError:
        return False
    with source, archive.open(arcname, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, 1024 * 1024)
    return True


def write_zip(applications, target):
    """One folder per application's number: its receipt (demande.json), the documents of its
    file as submitted (documents/), and the messages' attachments (messages/). A file missing
    from the storage is named in MANQUANTS.txt rather than failing the whole archive."""
    missing = []
    applications = applications.select_related("structure", "aid").prefetch_related(
        "documents", "messages"
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for application in applications:
            folder = _safe(application.reference, f"demande-{application.pk}")
            content = json.dumps(receipt(application), ensure_ascii=False, indent=2, default=str)
            archive.writestr(f"{folder}/demande.json", content)
            for document in application.documents.all():
                name = _safe(document.original_name, "document")
                arcname = f"{folder}/documents/{document.pk}-{document.kind}-{name}"
                if not _copy(archive, document.content, arcname):
                    missing.append(arcname)
            for message in application.messages.all():
                if not message.attachment:
                    continue
                day = timezone.localtime(message.created_at).date().isoformat()
                name = _safe(message.attachment_name, "piece-jointe")
                arcname = f"{folder}/messages/{day}-{message.pk}-{name}"
                if not _copy(archive, message.attachment, arcname):
                    missing.append(arcname)
        if missing:
            archive.writestr("MANQUANTS.txt", "Fichiers introuvables :\n" + "\n".join(missing))


def build_zip(job):
    """Build the job's archive from what its person still instructs, and store it privately."""
    allowed = applications_instructed_by(job.requested_by).filter(pk__in=job.application_ids)
    with tempfile.TemporaryFile() as temporary:
        write_zip(allowed.order_by("reference", "pk"), temporary)
        temporary.seek(0)
        stamp = timezone.localtime(job.created_at).strftime("%Y%m%d-%H%M")
        job.file.save(f"dossiers-{stamp}-{job.pk}.zip", File(temporary), save=False)
        job.size = job.file.size
    return job


def all_application_ids(applications):
    return list(applications.values_list("pk", flat=True)[: MAX_ZIP_APPLICATIONS + 1])
