"""The granted subsidies as open data, in the SCDL « Subventions » format v2.1.1 (schema/).

One row per accepted application with an amount, on an aid that is a subsidy (cash, or in kind:
support). Loans, repayable advances, guarantees and equity are not subsidies: they are left out.

How each column is filled (the schema's constraints, followed to the letter):

- `nomAttribuant` / `idAttribuant`: the aid's provider with a valid SIRET (the first by name when
  an aid has several). The schema requires a valid SIRET: an aid whose providers have none is left
  out of the file until one is entered (`unpublished_reasons` says so).
- `dateConvention`: the decision's date (local time); `referenceDecision`: the application's number.
- `nomBeneficiaire`, `idBeneficiaire` (the structure's SIRET when its Luhn key is right),
  `rnaBeneficiaire` (its RNA number « W » + 9 digits): one of the two is required, a structure
  with neither is left out.
- `objet`: the project's title (the aid's name when empty), 256 characters at most.
- `montant`: the amount granted, decimal point.
- `nature`: « aide en numéraire » for a grant, « aide en nature » for support, mediation, listening.
- `conditionsVersement` / `datesPeriodeVersement`: from the payments: one date → « unique » and
  that day; several → « échelonné » and first/last day; none yet → « unique » and the period from
  the decision to the project's end (a year after the decision when the end is unknown or past),
  as the schema says for a date not yet known.
- `idRAE`: empty (the aids here are not in the Répertoire des Aides aux Entreprises).
- `notificationUE`: « non » (no aid here is notified to the European Commission).
- `pourcentageSubvention`: « 1.00 »: each application has one beneficiary, who receives the whole
  subsidy (the schema: « Dans le cas d'un bénéficiaire unique, le pourcentage est 100 % »).
- `dispositifAide`: the aid's name.

Rows are read with `values_list` through a server-side cursor in chunks and written as they come:
the memory used does not grow with the number of rows (bench/applications.py measures it).
"""

import datetime
import io
import re
from pathlib import Path

from django.db.models import DateField, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate

from aidess.aids.enums import AidKind
from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application, Payment
from aidess.core.exports import SafeWriter

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "schema.json"
FIELDS = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
]
CASH, IN_KIND = "aide en numéraire", "aide en nature"
NATURE = {
    AidKind.GRANT: CASH,
    AidKind.SUPPORT: IN_KIND,
    AidKind.MEDIATION: IN_KIND,
    AidKind.LISTENING: IN_KIND,
}
OBJECT_MAX = 256
CHUNK_ROWS = 2000
RNA = re.compile(r"^W\d{9}$")
SIRET = re.compile(r"^\d{14}$")
DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # a digit doubled, its two digits summed
LA_POSTE_SIREN = "356000000"  # its establishments' SIRETs follow another key (sum divisible by 5)


def is_siret(value):
    """A SIRET whose Luhn key is right (the SCDL's `french-siret-value` check)."""
    if not value or not SIRET.match(value):
        return False
    digits = [ord(character) - 48 for character in value]
    if value.startswith(LA_POSTE_SIREN):
        return sum(digits) % 5 == 0
    # Luhn: from the right, every second digit doubled (its digits summed); 14 digits, so the
    # doubled ones are those at even positions from the left.
    return (sum(digits[1::2]) + sum([DOUBLED[digit] for digit in digits[0::2]])) % 10 == 0


def attributors(aid_ids=None):
    """{aid id: (provider name, SIRET)}: the first of the aid's providers (by name) whose SIRET
    is valid. Aids are few next to applications: this dict stays small."""
    through = Aid.providers.through.objects.filter(organization__siret__regex=r"^\d{14}$")
    if aid_ids is not None:
        through = through.filter(aid_id__in=aid_ids)
    found = {}
    rows = through.order_by("aid_id", "organization__name", "organization_id").values_list(
        "aid_id", "organization__name", "organization__siret"
    )
    for aid_id, name, siret in rows:
        if aid_id not in found and is_siret(siret):
            found[aid_id] = (name, siret)
    return found


def granted(aid=None, decided_from=None, decided_to=None):
    """The accepted applications with an amount on a subsidy, optionally one aid's and decided
    between two days (included), oldest decision first."""
    applications = Application.objects.filter(
        status=ApplicationStatus.ACCEPTED,
        amount_granted_eur__gt=0,
        decided_at__isnull=False,
        aid__kind__in=list(NATURE),
    )
    if aid is not None:
        applications = applications.filter(aid=aid)
    if decided_from:
        applications = applications.filter(decided_at__date__gte=decided_from)
    if decided_to:
        applications = applications.filter(decided_at__date__lte=decided_to)
    return applications


def publishable(applications, attributors_by_aid):
    """Those the schema lets us publish: a provider with a SIRET, a beneficiary identified."""
    identified = Q(structure__siret__regex=r"^\d{14}$") | Q(
        structure__rna_number__regex=RNA.pattern
    )
    return applications.filter(identified, aid_id__in=list(attributors_by_aid))


def unpublished_reasons(applications):
    """{reason: count} of granted applications the file leaves out (for the people who publish)."""
    by_aid = attributors()
    no_provider = applications.exclude(aid_id__in=list(by_aid)).count()
    kept = publishable(applications, by_aid).count()
    return {
        "aucun porteur de l'aide n'a de SIRET valide": no_provider,
        "structure sans SIRET ni numéro RNA": applications.count() - no_provider - kept,
    }


def _paid(aggregate):
    payments = Payment.objects.filter(application=OuterRef("pk")).order_by().values("application")
    return Subquery(payments.annotate(day=aggregate("paid_on")).values("day"), DateField())


def values(applications):
    """The columns read from the database, one tuple per application."""
    return (
        applications.annotate(
            decided_on=TruncDate("decided_at"), first_paid=_paid(Min), last_paid=_paid(Max)
        )
        .order_by("decided_at", "pk")
        .values_list(
            "aid_id",
            "decided_on",
            "reference",
            "structure__name",
            "structure__siret",
            "structure__rna_number",
            "project_title",
            "amount_granted_eur",
            "aid__kind",
            "first_paid",
            "last_paid",
            "project_end",
            "aid__name",
        )
    )


def payment_terms(decided_on, first_paid, last_paid, project_end):
    """(conditionsVersement, datesPeriodeVersement) from the payments recorded so far."""
    if first_paid is None:
        end = project_end if project_end and project_end > decided_on else None
        end = end or decided_on + datetime.timedelta(days=365)
        return "unique", f"{decided_on.isoformat()}/{end.isoformat()}"
    if first_paid == last_paid:
        return "unique", first_paid.isoformat()
    return "échelonné", f"{first_paid.isoformat()}/{last_paid.isoformat()}"


def rows(applications, attributors_by_aid, chunk_size=CHUNK_ROWS):
    """The SCDL rows (lists in FIELDS' order) of `applications`, read chunk by chunk."""
    records = values(publishable(applications, attributors_by_aid)).iterator(chunk_size)
    for record in records:
        (aid_id, decided_on, reference, name, siret, rna, title, amount, kind) = record[:9]
        first_paid, last_paid, project_end, aid_name = record[9:]
        siret = siret if is_siret(siret) else ""
        rna = rna if rna and RNA.match(rna) else ""
        if not (siret or rna):
            continue  # a SIRET failing its key, and no RNA number: the schema refuses the row
        provider_name, provider_siret = attributors_by_aid[aid_id]
        conditions, period = payment_terms(decided_on, first_paid, last_paid, project_end)
        yield [
            provider_name,
            provider_siret,
            decided_on.isoformat(),
            reference or "",
            name,
            siret,
            rna,
            (title or aid_name)[:OBJECT_MAX],
            f"{amount:.2f}",
            NATURE[kind],
            conditions,
            period,
            "",
            "non",
            "1.00",
            aid_name,
        ]


def csv_chunks(applications, rows_per_chunk=500):
    """The CSV file (UTF-8, comma, header first) as text pieces of a few hundred rows."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for written, row in enumerate(rows(applications, attributors()), start=1):
        writer.writerow(row)
        if written % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
