"""Idempotent loading of the COG files shipped in data/ (see data/PROVENANCE.md)."""

import csv
from pathlib import Path

from django.db import transaction

from aidess.territories.models import Commune, Department, Epci, Region
from aidess.territories.search import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH_SIZE = 2000


def read_rows(name):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def upsert(model, objects, unique_field, update_fields):
    model.objects.bulk_create(
        objects,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=[unique_field],
        update_fields=update_fields,
    )


def commune_from_row(row, parents):
    """Municipal districts (ARM) carry no department in the COG: they take their city's."""
    parent = parents.get(row["commune_parent_code"], {})
    return Commune(
        code=row["code_insee"],
        name=row["nom"],
        search_name=normalize(row["nom"]),
        kind=row["type"],
        department_id=row["departement_code"] or parent.get("departement_code") or None,
        region_id=row["region_code"] or parent.get("region_code") or None,
        epci_id=row["epci_siren"] or parent.get("epci_siren") or None,
        population=int(row["population_municipale"] or 0),
        postal_codes=row["codes_postaux"],
        parent_id=row["commune_parent_code"] or None,
    )


@transaction.atomic
def load_territories():
    """Insert or update every region, department, EPCI and commune; returns counts per model."""
    regions = [Region(code=r["code"], name=r["nom"]) for r in read_rows("regions.csv")]
    upsert(Region, regions, "code", ["name"])
    departments = [
        Department(code=r["code"], name=r["nom"], region_id=r["region_code"])
        for r in read_rows("departements.csv")
    ]
    upsert(Department, departments, "code", ["name", "region"])
    epcis = [Epci(siren=r["siren"], name=r["nom"], kind=r["type"]) for r in read_rows("epci.csv")]
    upsert(Epci, epcis, "siren", ["name", "kind"])
    # A commune nouvelle and its delegated commune chef-lieu share one INSEE code (584 cases, e.g.
    # Annecy 74010): the commune itself must win, so COM rows are read last.
    rows = sorted(read_rows("communes.csv"), key=lambda row: row["type"] == Commune.Kind.COMMUNE)
    by_code = {row["code_insee"]: row for row in rows}
    communes = [commune_from_row(row, by_code) for row in by_code.values()]
    upsert(
        Commune,
        communes,
        "code",
        [
            "name",
            "search_name",
            "kind",
            "department",
            "region",
            "epci",
            "population",
            "postal_codes",
            "parent",
        ],
    )
    return {
        "régions": len(regions),
        "départements": len(departments),
        "EPCI": len(epcis),
        "communes": len(communes),
    }
