"""Partners' periodic indicators (URSSAF: social debt in months; Banque de France: payment
incidents; a Région: funding decisions in €): one value per SIRET and date, each traced to its
`ImportBatch` and row. Only structures AidESS already knows, inside the cell's zone; importing
the same file again changes nothing (`one_indicator_value_per_date`), and a different value for
a date already recorded is refused rather than silently replaced."""

import hashlib
import io

from django.db import transaction

from aidess.core.exports import SafeWriter
from aidess.core.formats import amount
from aidess.watch.enums import IndicatorKind
from aidess.watch.intake.common import (
    MAX_AMOUNT,
    Refused,
    clean_siret,
    date_of,
    decimal_of,
    structure_from_siret,
)
from aidess.watch.intake.report import Report, record
from aidess.watch.intake.tables import read_table
from aidess.watch.models import ImportBatch, Indicator

PARTNER_OF_KIND = {
    IndicatorKind.SOCIAL_DEBT_MONTHS: "URSSAF",
    IndicatorKind.PAYMENT_INCIDENTS: "Banque de France",
    IndicatorKind.FUNDING_DECISION_EUR: "Région",
}
# kind: (what the value is, maximum, decimals, negative allowed)
VALUES = {
    IndicatorKind.SOCIAL_DEBT_MONTHS: ("Mois de cotisations dus", MAX_AMOUNT, 2, False),
    IndicatorKind.PAYMENT_INCIDENTS: ("Nombre d'incidents de paiement", MAX_AMOUNT, 0, False),
    IndicatorKind.FUNDING_DECISION_EUR: (
        "Montant décidé en euros (une baisse s'écrit en négatif)",
        MAX_AMOUNT,
        2,
        True,
    ),
}
COLUMNS = {
    "siret": ("SIRET", "Numéro SIRET", "N° SIRET"),
    "value": ("Valeur", "Valeur de l'indicateur", "Montant", "Nombre", "Mois"),
    "observed_on": ("Date", "Date de la valeur", "Date d'observation", "Au"),
}
COLUMN_HELP = {
    "siret": "14 chiffres.",
    "value": "Le nombre (« 2,5 », « 12 000 »).",
    "observed_on": "La date à laquelle la valeur vaut (JJ/MM/AAAA ou AAAA-MM-JJ).",
}


def template_csv():
    stream = io.StringIO()
    SafeWriter(stream, delimiter=";").writerows(
        [["SIRET", "Valeur", "Date"], ["80032984900023", "2,5", "31/10/2026"]]
    )
    return ("\ufeff" + stream.getvalue()).encode()


@transaction.atomic
def import_indicators(cell, user, kind, partner, file_name, content):
    rows, ignored = read_table(file_name, content, COLUMNS, required=tuple(COLUMNS))
    batch = ImportBatch.objects.create(
        cell=cell,
        kind=ImportBatch.Kind.INDICATORS,
        partner=partner,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    report = Report(ignored)
    for number, values in rows:
        try:
            with transaction.atomic():
                report.add(
                    number, values.get("siret", ""), *import_row(batch, kind, number, values)
                )
        except Refused as refusal:
            report.add(number, values.get("siret", ""), "refused", refusal.message)
    return record(batch, report)


def import_row(batch, kind, number, values):
    what, maximum, places, negative = VALUES[kind]
    siret = clean_siret(values.get("siret"))
    value = decimal_of(values.get("value"), "Valeur", maximum, places, negative)
    if value is None:
        raise Refused("Valeur manquante.")
    observed_on = date_of(values.get("observed_on"), "Date")
    if observed_on is None:
        raise Refused("Date manquante.")
    structure = structure_from_siret(siret, batch.cell, lookup=False)
    existing = (
        Indicator.objects.filter(structure=structure, kind=kind, observed_on=observed_on)
        .select_related("batch")
        .first()
    )
    day = f"{observed_on:%d/%m/%Y}"
    if existing is not None:
        if existing.value == value:
            where = f"{existing.batch.file_name}, ligne {existing.row_number}"
            return "unchanged", f"Déjà importée ({where}).", existing.pk
        raise Refused(
            f"Une autre valeur ({amount(existing.value)}) est déjà enregistrée au {day} pour cette "
            f"structure ({existing.batch.file_name}, ligne {existing.row_number})."
        )
    indicator = Indicator.objects.create(
        structure=structure,
        kind=kind,
        value=value,
        observed_on=observed_on,
        batch=batch,
        row_number=number,
    )
    return "created", f"{structure.name} : {amount(value)} au {day}.", indicator.pk
