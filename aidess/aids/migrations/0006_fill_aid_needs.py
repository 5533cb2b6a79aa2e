"""Needs of the aids already in the catalog: the seed schemes' from data/seed_aids.json, the
imported aids' by the rule of `importers.needs_of_imported` (later loads keep them up to date)."""

import json

from django.db import migrations

from aidess.aids.importers import needs_of_imported
from aidess.aids.seeding import SEED_FILE


def fill_needs(apps, schema_editor):
    Aid, AidNeed = apps.get_model("aids", "Aid"), apps.get_model("aids", "AidNeed")
    seeds = {spec["slug"]: spec.get("needs", []) for spec in json.loads(SEED_FILE.read_text("utf-8"))["aids"]}
    rows = []
    for aid in Aid.objects.filter(source__in=["seed", "aides_territoires"]).only(
        "pk", "slug", "source", "kind", "name", "description"
    ):
        if aid.source == "seed":
            needs = seeds.get(aid.slug, [])
        else:
            needs = needs_of_imported(aid.kind, aid.name, aid.description)
        rows += [AidNeed(aid_id=aid.pk, need=need) for need in sorted(needs)]
    AidNeed.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("aids", "0005_aid_needs")]
    operations = [migrations.RunPython(fill_needs, migrations.RunPython.noop)]
