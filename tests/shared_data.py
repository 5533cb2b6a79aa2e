"""Data the tests share: the catalog loaded once, and the seed documents the catalog quotes."""

import io
import os
import re
import unicodedata
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from aidess.territories.models import Commune

# The source documents live beside the project, never inside it: the application does not read
# them, only this check does (the facts were copied into aids/data/seed_aids.json).
SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
CITATION = re.compile(r"seeds/(\d{3})(?:_[0-9a-f]{16}\.txt)?")
QUOTATION = re.compile(r"«\s*(.*?)\s*»", re.S)
ELLIPSIS = re.compile(r"\[…\]|…")


# The apps whose tables the shared data fills; SQLite keeps the aids' full-text index apart.
SHARED_APPS = ["nomenclatures", "territories", "organizations", "aids", "eligibility"]
SQLITE_EXTRA_TABLES = ["aids_aid_fts"]


def load_shared_data():
    """Reference data, seed schemes and the 274 imported aids (idempotent: re-run after a flush)."""
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_catalog", stdout=io.StringIO())


class SharedDataSnapshot:
    """The rows of the shared data, read once, written back after a flush in a fraction of a
    second, where reloading them through the commands takes seconds to tens of seconds (browser
    tests run on `live_server`, whose flush after each test wipes them)."""

    def __init__(self):
        if not Commune.objects.exists():  # taken after a transactional test's flush
            load_shared_data()
        self.tables = {}
        with connection.cursor() as cursor:
            for table in self._table_names():
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                columns = [column[0] for column in cursor.description]
                self.tables[table] = (columns, cursor.fetchall())

    @staticmethod
    def _table_names():
        names = [
            model._meta.db_table
            for label in SHARED_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        ]
        return names + (SQLITE_EXTRA_TABLES if connection.vendor == "sqlite" else [])

    def restore(self):
        """Write the rows back into the tables a flush emptied (foreign keys are checked at
        commit, so the order does not matter)."""
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (columns, rows) in self.tables.items():
                cursor.execute(f"DELETE FROM {quote(table)}")
                if not rows:
                    continue
                names = ", ".join(quote(column) for column in columns)
                if connection.vendor == "postgresql":  # COPY: several times faster than INSERTs
                    copy_rows = f"COPY {quote(table)} ({names}) FROM STDIN"
                    with cursor.cursor.copy(copy_rows) as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows
                    )


def normalized(text):
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return " ".join(text.split())


def quotations(provenance):
    """(document number, fragment) for every « … » passage of a provenance: quoted from the
    document cited last before it; an ellipsis separates fragments quoted apart."""
    found, cited = [], None
    for index, part in enumerate(CITATION.split(provenance)):
        if index % 2:  # the split keeps the cited numbers at odd positions
            cited = part
            continue
        for quotation in QUOTATION.findall(part):
            for fragment in ELLIPSIS.split(quotation):
                fragment = normalized(fragment).strip(" .")
                if fragment:
                    found.append((cited, fragment))
    return found


class SeedDocuments:
    def __init__(self, directory):
        self.texts = {
            path.name[:3]: normalized(path.read_text("utf-8"))
            for path in directory.glob("[0-9][0-9][0-9]_*.txt")
        }

    def misquoted(self, provenance):
        """The quotations of `provenance` that are not word for word in the document they cite."""
        return [
            (cited, fragment)
            for cited, fragment in quotations(provenance)
            if fragment not in self.texts.get(cited, "")
        ]


def open_seed_documents(directory=SEEDS_DIR, environ=os.environ):
    """The seed documents, or a skip outside CI; in CI (CI=true) their absence is a failure, so
    that the check of the catalog's quotations cannot silently stop running there."""
    if directory.is_dir():
        return SeedDocuments(directory)
    if environ.get("CI") == "true":
        pytest.fail(f"CI : les documents sources sont requis ({directory}).", pytrace=False)
    pytest.skip(f"documents sources absents ({directory}) : citations non vérifiées hors CI")
