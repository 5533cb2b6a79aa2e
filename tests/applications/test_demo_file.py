"""The demo structure's file has something to show: missing, expired and valid documents."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from aidess.applications.enums import YearKind
from aidess.applications.models import ApplicationFile
from aidess.demo.accounts import DEMO_STRUCTURE_SIRET

pytestmark = pytest.mark.django_db


def test_load_demo_gives_the_demo_structure_a_partly_filled_file():
    call_command("load_demo", "--structures", "0", verbosity=0)

    file = ApplicationFile.objects.get(structure__siret=DEMO_STRUCTURE_SIRET)
    assert {item.kind: item.status for item in file.document_checklist()} == {
        "statuts": "valid",
        "dirigeants": "missing",
        "rib": "valid",
        "comptes": "expired",
        "rapport": "missing",
    }
    forecast = file.budget_totals(YearKind.FORECAST)
    assert not forecast.is_balanced
    assert len(forecast.subsidies) == 3
    assert file.budget_totals(YearKind.ACTUAL).is_balanced
    statutes = file.documents.get(kind="statuts")
    assert "Statuts" in PdfReader(io.BytesIO(statutes.content.read())).pages[0].extract_text()


def test_running_it_again_keeps_what_the_demo_changed():
    call_command("load_demo", "--structures", "0", verbosity=0)
    ApplicationFile.objects.update(representative_name="Nouveau nom")

    call_command("load_demo", "--structures", "0", verbosity=0)

    assert ApplicationFile.objects.get().representative_name == "Nouveau nom"
