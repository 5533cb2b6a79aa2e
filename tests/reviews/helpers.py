"""CSV files for the import commands, written as a data producer would."""

import csv
import io

from django.core.management import call_command

from aidess.demo.generation import make_siret
from aidess.opendata.scdl import FIELDS
from aidess.reviews.imports import STRUCTURE_HEADER

ATTRIBUTOR = make_siret(9_000_001)  # a valid SIRET for the attributor (France Active)


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def structure_row(siret, **values):
    row = {
        "siret": siret,
        "nom": "Association test",
        "code_commune": "23008",  # Aubusson (Creuse)
        "categorie_juridique": "9220",
        "secteur": "culture",
        "etp": "2.00",
        "budget_annuel": "45000.00",
    }
    row.update(values)
    return [row[name] for name in STRUCTURE_HEADER]


def subsidy_row(beneficiary, **values):
    row = {
        "nomAttribuant": "France Active",
        "idAttribuant": ATTRIBUTOR,
        "dateConvention": "2020-06-15",
        "referenceDecision": f"DSESS-{beneficiary}",
        "nomBeneficiaire": "Association test",
        "idBeneficiaire": beneficiary,
        "rnaBeneficiaire": "",
        "objet": "Aide d'urgence forfaitaire",
        "montant": "5000",
        "nature": "aide en numéraire",
        "conditionsVersement": "unique",
        "datesPeriodeVersement": "2020-06-30",
        "idRAE": "",
        "notificationUE": "non",
        "pourcentageSubvention": "1",
        "dispositifAide": "dsess",
    }
    row.update(values)
    return [row[name] for name in FIELDS]


def run(command, *args):
    """The command's output (its report)."""
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def import_structures(tmp_path, rows, name="structures.csv"):
    return run("import_structures", str(write_csv(tmp_path / name, STRUCTURE_HEADER, rows)))


def import_subsidies(tmp_path, rows, name="subventions.csv"):
    return run("import_subsidies", str(write_csv(tmp_path / name, FIELDS, rows)))
