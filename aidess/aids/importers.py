"""Import of an Aides-territoires CSV export (columns of aides-territoires_periurbain.csv).

Each row is mapped on its own: a row that cannot be mapped is reported with its line number and the
reason, and every other row is imported. Rows are keyed by their Aides-territoires link, so running
the import again updates changed rows and creates no duplicate. Only aids open to associations are
published; the others are kept as drafts for a moderator.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import transaction

from aidess.aids.enums import AidKind, AidSource, AidStatus, Need, Recurrence
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid, AidNeed, unique_slug
from aidess.aids.text import SYNONYMS, contains_expression, stems_of, words_and_stems
from aidess.history.bulk import create_logged
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.territories.models import Department, Region
from aidess.territories.search import normalize

REQUIRED_COLUMNS = ["Nom", "Lien", "Financeurs", "Bénéficiaire", "Types d'aides", "Récurrence"]
RECURRENCES = {
    "permanente": Recurrence.PERMANENT,
    "récurrente": Recurrence.RECURRING,
    "ponctuelle": Recurrence.ONE_OFF,
}
# First matching type wins: money before engineering.
AID_TYPES = [
    ("subvention", AidKind.GRANT),
    ("prêt", AidKind.LOAN),
    ("avance récupérable", AidKind.REPAYABLE_ADVANCE),
    ("autre aide financière", AidKind.GRANT),
    ("certificat d'économie d'énergie (cee)", AidKind.GRANT),
    ("ingénierie financière", AidKind.SUPPORT),
    ("ingénierie technique", AidKind.SUPPORT),
    ("ingénierie juridique / administrative", AidKind.SUPPORT),
]
ESS_AUDIENCES = {"associations"}
SOURCE_URL = re.compile(r"^https?://[^/]+/aides/(?P<slug>[\w-]+)/?$")
DEPARTMENT_NUMBER = re.compile(r"(?<!\d)(\d{2})(?!\d)")


# Expressions (stems) that tell the needs an imported aid answers: data/synonyms.json.
NEED_MARKERS = {
    Need(need): tuple(stems_of(words_and_stems(marker)) for marker in markers)
    for need, markers in SYNONYMS["needs_of_imported_aids"]["markers"].items()
}


def needs_of_imported(kind, name, description):
    """The needs an Aides-territoires aid answers, from its kind and its text.

    The export has aid types and a text, no needs. The rule: « accompagnement, conseil » when
    every type of the row is engineering (technical, financial, legal: `parse_row` then gives
    the kind « support »); « trésorerie » for a recoverable advance; and every need one of whose
    markers (data/synonyms.json) the name or the description holds, as whole words in that
    order, accents, case, inflections and stop words aside ("fonds de roulement" is found in
    "Fonds de Roulement"). A grant whose text names none of them answers no particular need."""
    needs = set()
    if kind == AidKind.SUPPORT:
        needs.add(Need.ADVICE)
    if kind == AidKind.REPAYABLE_ADVANCE:
        needs.add(Need.CASH)
    stems = [stem for _, stem in words_and_stems(f"{name} {description}")]
    for need, markers in NEED_MARKERS.items():
        if any(contains_expression(stems, marker) for marker in markers):
            needs.add(need)
    return needs


def tag_needs(aids):
    """Set the needs of these imported aids (a queryset) by `needs_of_imported`."""
    rows = list(aids.values_list("pk", "kind", "name", "description"))
    wanted = {
        (pk, need) for pk, kind, name, description in rows
        for need in needs_of_imported(kind, name, description)
    }  # fmt: skip
    current = {
        (row.aid_id, row.need): row.pk
        for row in AidNeed.objects.filter(aid__in=[pk for pk, *_ in rows])
    }
    # Only what changed is written (and so recorded in the history).
    AidNeed.objects.filter(pk__in=[pk for key, pk in current.items() if key not in wanted]).delete()
    create_logged(
        AidNeed, [AidNeed(aid_id=pk, need=need) for pk, need in sorted(wanted - current.keys())]
    )


class RowError(Exception):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    published: int = 0
    errors: list = field(default_factory=list)  # (line number, reason)

    @property
    def imported(self):
        return self.created + self.updated + self.unchanged


class TerritoryGuesser:
    """The export has no perimeter column: a financer's name tells its territory, if local."""

    def __init__(self):
        self.departments = {normalize(d.name): d for d in Department.objects.all()}
        self.departments_by_code = {d.code: d for d in self.departments.values()}
        self.regions = {normalize(r.name): r for r in Region.objects.all()}
        names = list(self.departments) + list(self.regions)
        # Longest names first, so that "Tarn-et-Garonne" wins over "Tarn".
        self.pattern = re.compile(
            r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
        )

    def guess(self, financer):
        """(regions, departments) of a local financer; ([], []) for a national one.

        Every place named counts ("Oise et Aisne"). A region named wins: a department named beside
        it is either inside it or not a place at all (the river in "Loire Bretagne")."""
        names = list(dict.fromkeys(self.pattern.findall(normalize(financer))))
        regions = [self.regions[name] for name in names if name in self.regions]
        if regions:
            return regions, []
        if names:
            return [], [self.departments[name] for name in names]
        for code in DEPARTMENT_NUMBER.findall(financer):
            if code in self.departments_by_code:
                return [], [self.departments_by_code[code]]
        return [], []


def split_values(cell):
    return [value.strip() for value in (cell or "").split(";") if value.strip()]


def parse_row(row):
    """The Aid field values of one CSV row, or RowError with a French reason."""
    name = (row.get("Nom") or "").strip()
    if not name:
        raise RowError("le nom de l'aide est vide")
    link = (row.get("Lien") or "").strip()
    link_match = SOURCE_URL.match(link)
    if not link_match:
        raise RowError(f"le lien « {link} » n'est pas une page d'aide Aides-territoires")
    recurrence = RECURRENCES.get((row.get("Récurrence") or "").strip().lower())
    if recurrence is None:
        raise RowError(f"récurrence inconnue « {row.get('Récurrence')} »")
    raw_types = row.get("Types d'aides") or ""
    types = [value.lower() for value in split_values(raw_types)]
    kind = next((kind for label, kind in AID_TYPES if label in types), None)
    if kind is None:
        raise RowError(f"type d'aide non reconnu « {raw_types} »")
    closing = (row.get("Date Clôture") or "").strip()
    try:
        closing_date = datetime.datetime.strptime(closing, "%d/%m/%Y").date() if closing else None
    except ValueError:
        raise RowError(f"date de clôture « {closing} » invalide (attendu JJ/MM/AAAA)") from None
    financers = split_values(row.get("Financeurs"))
    if not financers:
        raise RowError("aucun financeur")
    description = (row.get("Descriptif") or "").strip()
    beneficiaries = split_values(row.get("Bénéficiaire"))
    return {
        "name": name[:300],
        "source_url": link,
        "source_key": link_match["slug"],
        "kind": kind,
        "recurrence": recurrence,
        "closing_date": closing_date,
        "is_call_for_projects": (row.get("AAP/AMI") or "").strip().lower() == "oui",
        "description": description,
        "short_description": first_sentence(description) or name[:400],
        "beneficiaries": ", ".join(beneficiaries)[:500],
        "application_url": link,
        "financers": financers,
        "open_to_ess": any(value.lower() in ESS_AUDIENCES for value in beneficiaries),
    }


def first_sentence(text, limit=400):
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


class Financers:
    """The provider organisation of each financer name, with the territory its name tells.

    Names are compared without case or accents, against the providers already known too: the
    export writes both "Banque des Territoires" and "Banque des territoires" for one financer."""

    def __init__(self, guesser):
        self.guesser, self.found = guesser, {}
        self.known = {}
        for organization in Organization.objects.filter(kind=OrganizationKind.PROVIDER).order_by(
            "pk"
        ):
            self.known.setdefault(normalize(organization.name), organization)

    def get(self, name):
        """(organization, regions, departments) of a financer, created on first sight."""
        key = normalize(name)
        if key not in self.found:
            regions, departments = self.guesser.guess(name)
            organization = self.known.get(key)
            if organization is None:
                level = (
                    ScopeLevel.REGIONAL
                    if regions
                    else ScopeLevel.DEPARTMENTAL
                    if departments
                    else ScopeLevel.NATIONAL
                )
                organization = Organization.objects.create(
                    name=name[:200], kind=OrganizationKind.PROVIDER, scope_level=level
                )
                self.known[key] = organization
            if regions or departments:
                organization.regions.set(regions)
                organization.departments.set(departments)
            self.found[key] = (organization, regions, departments)
        return self.found[key]


def read_csv(text):
    """Rows with the physical line number each one starts on (quoted fields may span lines)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise RowError(
            "ce fichier n'est pas un export Aides-territoires : colonnes manquantes "
            + ", ".join(missing)
        )
    start = reader.line_num + 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def import_aides_territoires(text):
    """Import the CSV `text`; returns an ImportReport. Raises RowError if the header is wrong."""
    report = ImportReport()
    financers = Financers(TerritoryGuesser())
    touched, keys = [], []
    rows = list(read_csv(text))
    for line, row in rows:
        try:
            values = parse_row(row)
        except RowError as error:
            report.errors.append((line, str(error)))
            continue
        with transaction.atomic():
            aid, outcome = save_imported(values, financers)
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.published += aid.status == AidStatus.PUBLISHED
        if outcome != "unchanged":
            touched.append(aid.pk)
        keys.append(aid.pk)
    reindex(Aid.objects.filter(pk__in=touched))
    tag_needs(Aid.objects.filter(pk__in=keys))
    return report


def save_imported(values, financers):
    names = values.pop("financers")
    open_to_ess = values.pop("open_to_ess")
    links = [financers.get(name) for name in names]
    regions = {region for _, found, _ in links for region in found}
    departments = {department for _, _, found in links for department in found}
    values["is_national"] = not (regions or departments)
    aid = Aid.objects.filter(
        source=AidSource.AIDES_TERRITOIRES, source_key=values["source_key"]
    ).first()
    if aid is None:
        aid = Aid(
            source=AidSource.AIDES_TERRITOIRES,
            slug=unique_slug(f"at-{values['source_key']}"),
            status=AidStatus.PUBLISHED if open_to_ess else AidStatus.DRAFT,
            provenance="Import de l'export Aides-territoires (aides-territoires_periurbain.csv).",
        )
        outcome = "created"
    else:
        changed = any(getattr(aid, name) != value for name, value in values.items())
        changed |= {o.pk for o, _, _ in links} != set(aid.providers.values_list("pk", flat=True))
        changed |= {r.pk for r in regions} != set(aid.regions.values_list("pk", flat=True))
        changed |= {d.pk for d in departments} != set(aid.departments.values_list("pk", flat=True))
        if not changed:
            return aid, "unchanged"
        outcome = "updated"
    for name, value in values.items():
        setattr(aid, name, value)
    aid.save()
    aid.providers.set([organization for organization, _, _ in links])
    aid.regions.set(regions)
    aid.departments.set(departments)
    return aid, outcome
