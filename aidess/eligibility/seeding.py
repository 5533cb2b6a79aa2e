"""Criteria of the national schemes, from the `criteria` of each aid in aids/data/seed_aids.json."""

import json
from decimal import Decimal

from django.db import models, transaction

from aidess.aids.models import Aid
from aidess.aids.seeding import SEED_FILE
from aidess.eligibility.models import AidCriteria

DECIMAL_FIELDS = {
    field.name
    for field in AidCriteria._meta.concrete_fields
    if isinstance(field, models.DecimalField)
}


@transaction.atomic
def load_seed_criteria():
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    for spec in data["aids"]:
        values = {
            name: Decimal(value) if name in DECIMAL_FIELDS else value
            for name, value in spec.get("criteria", {}).items()
        }
        defaults = {
            field.name: field.get_default()
            for field in AidCriteria._meta.concrete_fields
            if field.name not in ("id", "aid")
        }
        AidCriteria.objects.update_or_create(
            aid=Aid.objects.get(slug=spec["slug"]), defaults={**defaults, **values}
        )
