"""Real subsidies in the demo's open-data file. The SCDL « Subventions » export needs the
funder's SIRET, which none of our sources gives for the demo's own funders (DREETS
Nouvelle-Aquitaine, délégation à l'ESS); the SCDL model's valid example does have one: 29
agreements of the Ville d'Antibes to local associations (data/PROVENANCE.md). They come in as a
scheme run outside AidESS would (issue 16's imports): the beneficiaries by SIRET, then the
decisions, with the funder as an aid provider holding its SIRET. The file lacks
`dispositifAide`: each row gets the scheme's slug, nothing else is changed. Rows without a
beneficiary SIRET are rejected by the import, as any file's would be."""

import csv
import io
from pathlib import Path

from django.db import transaction

from aidess.aids.enums import AidKind, AidSource, AidStatus
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.reviews.imports import STRUCTURE_HEADER, import_structures, import_subsidies
from aidess.structures.models import Structure

DATA = Path(__file__).parent / "data" / "scdl-exemple-antibes.csv"
FUNDER_SIRET = "21060004500392"  # idAttribuant of every row
AID_SLUG = "ville-antibes-subventions-fonctionnement"


def funder():
    organization, _ = Organization.objects.get_or_create(
        siret=FUNDER_SIRET,
        kind=OrganizationKind.PROVIDER,
        defaults={"name": "Ville d'Antibes", "scope_level": ScopeLevel.DEPARTMENTAL},
    )
    organization.departments.set(["06"])
    return organization


def scheme(organization):
    """The scheme the agreements belong to: closed (the last one dates from 2018), so that it
    is read in reviews and open data, never applied to."""
    aid, created = Aid.objects.get_or_create(
        slug=AID_SLUG,
        defaults={
            "name": "Subventions de fonctionnement aux associations — Ville d'Antibes",
            "short_description": "Conventions de subvention de la Ville d'Antibes aux associations "
            "(exemple valide du modèle SCDL « Subventions », 2011-2018).",
            "kind": AidKind.GRANT,
            "source": AidSource.PROVIDER,
            "status": AidStatus.CLOSED,
            "is_national": False,
        },
    )
    if created:
        aid.providers.set([organization])
        aid.departments.set(["06"])
        reindex(Aid.objects.filter(pk=aid.pk))
    return aid


def as_csv(header, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@transaction.atomic
def import_antibes_subsidies():
    """Returns the number of decisions created (0 on a second run: the imports find them)."""
    scheme(funder())
    rows = list(csv.DictReader(io.StringIO(DATA.read_text("utf-8"))))
    beneficiaries = {
        row["idBeneficiaire"]: row["nomBeneficiaire"].strip()
        for row in rows
        if row["idBeneficiaire"]
        and not Structure.objects.filter(siret=row["idBeneficiaire"]).exists()
    }
    empty = dict.fromkeys(STRUCTURE_HEADER, "")
    import_structures(
        as_csv(
            STRUCTURE_HEADER,
            [{**empty, "siret": siret, "nom": name} for siret, name in beneficiaries.items()],
        )
    )
    for row in rows:
        row["dispositifAide"] = AID_SLUG
    report = import_subsidies(as_csv(list(rows[0]), rows), source=DATA.name)
    return report.created
