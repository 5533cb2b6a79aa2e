"""Data the tests share: the catalog loaded once, and the seed documents the catalog quotes."""

import io
import os
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# The source documents live beside the project, never inside it: the application does not read
# them, only this check does (the facts were copied into aids/data/seed_aids.json).
SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
CITATION = re.compile(r"seeds/(\d{3})(?:_[0-9a-f]{16}\.txt)?")
QUOTATION = re.compile(r"«\s*(.*?)\s*»", re.S)
ELLIPSIS = re.compile(r"\[…\]|…")


def load_shared_data():
    """Reference data, seed schemes and the 274 imported aids (idempotent: re-run after a flush)."""
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_catalog", stdout=io.StringIO())


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
