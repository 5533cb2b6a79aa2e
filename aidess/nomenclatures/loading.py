"""Idempotent loading of the INSEE nomenclature files shipped in data/ (see data/PROVENANCE.md)."""

import csv
import json
from pathlib import Path

from django.db import transaction

from aidess.nomenclatures.legal_forms import legal_form_for_category
from aidess.nomenclatures.models import LegalCategory, NafActivity

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_nomenclatures():
    level2 = {row["code"]: row["libelle"] for row in read_csv("categories-juridiques-niveau-2.csv")}
    categories = [
        LegalCategory(
            code=row["code"],
            label=row["libelle"],
            level2_label=level2.get(row["code"][:2], ""),
            legal_form=legal_form_for_category(row["code"], row["libelle"]),
        )
        for row in read_csv("categories-juridiques.csv")
    ]
    LegalCategory.objects.bulk_create(
        categories,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["label", "level2_label", "legal_form"],
    )
    naf_labels = json.loads((DATA_DIR / "codes-NAF.json").read_text(encoding="utf-8"))
    activities = [NafActivity(code=code, label=label) for code, label in naf_labels.items()]
    NafActivity.objects.bulk_create(
        activities, update_conflicts=True, unique_fields=["code"], update_fields=["label"]
    )
    return {"catégories juridiques": len(categories), "activités NAF": len(activities)}
