"""A partner's spreadsheet of alerts (CSV or XLSX, one row per structure), imported row by row:
each valid row is kept even when others are refused, each refusal says why in French, and the
report is stored in an `ImportBatch`. Importing the same file again changes nothing: a row is
known by the partner's identifier (else by a hash of its values), stored as `Alert.external_id`
with the source « tableur » (`one_alert_per_external_id`)."""

import hashlib
import io

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from aidess.core.exports import SafeWriter
from aidess.watch.enums import AlertCause, AlertSource, Urgency
from aidess.watch.intake.common import (
    MAX_AMOUNT,
    MAX_FTE,
    Refused,
    cause_of,
    clean_siret,
    date_of,
    decimal_of,
    flag_of,
    owning_cell,
    structure_from_siret,
    urgency_of,
)
from aidess.watch.intake.report import Report, record
from aidess.watch.intake.tables import normalized, read_table
from aidess.watch.models import Alert, ImportBatch

MAX_IDENTIFIER = 60
MAX_DESCRIPTION = 10000

# key: (header of the template, other accepted headers, what the upload page says of it)
COLUMNS = {
    "siret": ("SIRET", ("Numéro SIRET", "N° SIRET"), "14 chiffres, obligatoire."),
    "cause": (
        "Cause",
        ("Motif", "Cause du signalement"),
        "Obligatoire : le code ou le libellé — "
        + " ; ".join(f"{c.value} ({c.label})" for c in AlertCause)
        + ".",
    ),
    "amount": (
        "Montant en jeu (€)",
        ("Montant", "Montant en jeu", "Montant (€)"),
        "En euros, 2 décimales au plus (« 12 500,50 »).",
    ),
    "jobs": (
        "Emplois menacés (ETP)",
        ("Emplois menacés", "ETP", "Emplois"),
        "En équivalents temps plein, 1 décimale au plus.",
    ),
    "cash_runs_out_on": (
        "Trésorerie épuisée le",
        ("Date d'épuisement de la trésorerie", "Date de fin de trésorerie"),
        "JJ/MM/AAAA ou AAAA-MM-JJ, si elle est connue.",
    ),
    "urgency": (
        "Urgence",
        (),
        "immédiate, forte, moyenne (si vide) ou faible — ou le code : "
        + ", ".join(u.value for u in Urgency)
        + ".",
    ),
    "source": ("Source", ("Origine",), "Qui a repéré la difficulté (texte libre)."),
    "description": ("Description", ("Commentaire", "Situation"), "Texte libre."),
    "confidential": (
        "Confidentiel",
        ("Confidentielle",),
        "oui ou non (si vide) : confidentiel = lu seulement par la cellule.",
    ),
    "identifier": (
        "Identifiant partenaire",
        ("Identifiant", "Référence", "Identifiant chez le partenaire"),
        f"Votre référence de la ligne ({MAX_IDENTIFIER} caractères au plus) : réimporter la "
        "même référence ne crée rien de plus.",
    ),
}
HEADER_NAMES = {key: (label, *others) for key, (label, others, _) in COLUMNS.items()}
EXAMPLE = [
    "80032984900023",
    "Baisse ou arrêt d'un financement de l'État",
    "45 000",
    "3,5",
    "31/03/2027",
    "forte",
    "France Active",
    "Subvention de fonctionnement non renouvelée.",
    "non",
    "FA-2026-001",
]


def template_rows():
    return [[label for label, _, _ in COLUMNS.values()], EXAMPLE]


def template_csv():
    """The template for Excel users: UTF-8 with its mark, `;` separated."""
    stream = io.StringIO()
    SafeWriter(stream, delimiter=";").writerows(template_rows())
    return ("\ufeff" + stream.getvalue()).encode()


def template_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Signalements"
    for row in template_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.data_type = "s"
    for index, column in enumerate(sheet.columns):
        sheet.column_dimensions[column[0].column_letter].width = 22 if index else 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse_row(values):
    """The alert's fields from a row's text, or Refused at the first bad cell."""
    siret = clean_siret(values.get("siret"))
    identifier = values.get("identifier", "").strip()
    if len(identifier) > MAX_IDENTIFIER:
        raise Refused(f"Identifiant partenaire trop long ({MAX_IDENTIFIER} caractères au plus).")
    description = values.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise Refused(f"Description trop longue ({MAX_DESCRIPTION} caractères au plus).")
    return (
        siret,
        identifier,
        {
            "cause": cause_of(values.get("cause")),
            "amount_at_stake_eur": decimal_of(values.get("amount"), "Montant", MAX_AMOUNT),
            "jobs_at_risk_fte": decimal_of(values.get("jobs"), "Emplois menacés", MAX_FTE, 1),
            "cash_runs_out_on": date_of(values.get("cash_runs_out_on"), "Date de trésorerie"),
            "urgency": urgency_of(values.get("urgency")),
            "description": description,
            "is_confidential": flag_of(values.get("confidential"), "Confidentiel"),
        },
        values.get("source", "").strip(),
    )


def external_id_of(partner, siret, identifier, fields, source):
    """The partner's identifier (namespaced by partner, two partners may both number from 1),
    else a hash of the row's values as read (the same row typed differently is the same)."""
    if identifier:
        return f"{normalized(partner).replace(' ', '-')[:35]}:{identifier}"
    text = "|".join([siret, source, *(str(fields[k]) for k in sorted(fields))])
    return "ligne:" + hashlib.sha256(text.encode()).hexdigest()[:40]


@transaction.atomic
def import_alerts(cell, user, partner, file_name, content):
    """An ImportBatch with its report; the file's whole refusal (format, columns) is a
    TableError raised before anything is stored."""
    rows, ignored = read_table(file_name, content, HEADER_NAMES, required=("siret", "cause"))
    batch = ImportBatch.objects.create(
        cell=cell,
        kind=ImportBatch.Kind.ALERTS,
        partner=partner,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    report = Report(ignored)
    for number, values in rows:
        try:
            with transaction.atomic():
                report.add(number, values.get("siret", ""), *import_row(batch, number, values))
        except Refused as refusal:
            report.add(number, values.get("siret", ""), "refused", refusal.message)
    return record(batch, report)


def import_row(batch, number, values):
    siret, identifier, fields, source = parse_row(values)
    structure = structure_from_siret(siret, batch.cell)
    cell = owning_cell(batch.cell, structure)
    external_id = external_id_of(batch.partner, siret, identifier, fields, source)
    existing = Alert.objects.filter(
        cell=cell, source=AlertSource.SPREADSHEET, external_id=external_id
    ).first()
    if existing is not None:
        return "unchanged", f"Déjà importé : signalement n° {existing.pk}.", existing.pk
    detail = f"{batch.partner} — {batch.file_name}, ligne {number}"
    alert = Alert.objects.create(
        structure=structure,
        cell=cell,
        source=AlertSource.SPREADSHEET,
        source_detail=(f"{detail} — source : {source}" if source else detail)[:300],
        external_id=external_id,
        created_by=batch.uploaded_by,
        **fields,
    )
    return "created", f"Signalement n° {alert.pk} créé ({structure.name}).", alert.pk
