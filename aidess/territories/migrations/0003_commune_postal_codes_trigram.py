"""Postal-code lookups (`postal_codes LIKE '%23008%'`, territories/search.py) scanned the 35 000
communes on every search by commune: about 8 ms on PostgreSQL. A trigram index answers them.
SQLite (the laptop default) keeps the scan."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS territories_commune_postal_codes_trgm "
    "ON territories_commune USING gin (postal_codes gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS territories_commune_postal_codes_trgm"]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("territories", "0002_commune_code_length")]

    operations = [migrations.RunPython(create_index, drop_index)]
