"""django-auditlog's migrations create its own `auditlog_logentry` table although AidESS swaps its
model for `history.AuditEntry` (AUDITLOG_LOGENTRY_MODEL): the table stays empty, but its foreign
keys to users and content types make PostgreSQL refuse to TRUNCATE those tables (the flush of
the browser tests, `manage.py flush`). Its foreign keys are dropped; the empty table is left to
auditlog's own migrations."""

from django.db import migrations

TABLE = "auditlog_logentry"


def drop_foreign_keys(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return  # SQLite empties tables with DELETE: an empty table's keys are no obstacle
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, constraint in constraints.items():
        if constraint["foreign_key"]:
            schema_editor.execute(
                f"ALTER TABLE {schema_editor.quote_name(TABLE)} "
                f"DROP CONSTRAINT {schema_editor.quote_name(name)}"
            )


class Migration(migrations.Migration):
    dependencies = [("history", "0001_initial"), ("auditlog", "__latest__")]

    operations = [migrations.RunPython(drop_foreign_keys, migrations.RunPython.noop)]
