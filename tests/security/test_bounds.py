"""Absurd input is refused in French, never a 500 nor a year 10000: plan months, aid dates, fields
longer than the CSV reader takes."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from aidess.aids.models import Aid
from aidess.cashflow.models import CashflowPlan
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.structures.models import Structure
from tests.aids.helpers import field_error, form_data, text_of
from tests.cashflow.helpers import EXAMPLE, example_plan
from tests.factories import StructureFactory, UserFactory, partner
from tests.html import Page

pytestmark = pytest.mark.django_db

CSV_FILE = Path(__file__).resolve().parents[2] / "aidess/aids/data/aides-territoires_periurbain.csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def compute(client, start):
    body = json.dumps({**EXAMPLE, "start": start})
    return client.post("/api/v1/cashflow", body, content_type="application/json")


@pytest.mark.parametrize("start", ["9999-12", "1999-12", "0000-01", "2101-01"])
def test_api_refuses_a_start_month_out_of_bounds_with_a_french_400(client, start):
    response = compute(client, start)

    assert response.status_code == 400
    assert response.json()["details"]["start"] == (
        f"Mois de départ « {start} » hors limites. L'année doit être comprise entre 2000 et 2100."
    )


@pytest.mark.parametrize("start", ["2000-01", "2100-12"])
def test_api_computes_plans_at_both_bounds(client, start):
    response = compute(client, start)
    assert response.status_code == 200
    assert response.json()["months"][0]["month"] == start


def test_xlsx_import_refuses_a_start_month_out_of_bounds(client, login):
    member = UserFactory()
    structure = StructureFactory(member=member)
    login(member)
    exported = client.get(reverse("cashflow:xlsx", args=[structure.pk, example_plan(structure).pk]))
    workbook = load_workbook(io.BytesIO(exported.content))
    for column, label in zip("CDE", ("9999-10", "9999-11", "9999-12"), strict=True):
        workbook.worksheets[0][f"{column}5"] = label
    content = io.BytesIO()
    workbook.save(content)

    response = client.post(
        reverse("cashflow:import", args=[structure.pk]),
        {"file": SimpleUploadedFile("plan.xlsx", content.getvalue(), XLSX_TYPE)},
    )

    assert response.status_code == 400
    assert "L'année doit être comprise entre 2000 et 2100." in text_of(response.content.decode())
    assert CashflowPlan.objects.count() == 1


@pytest.fixture
def admin_client(client, login):
    return login(UserFactory(admin=True))


def export_with(changes):
    """The real export's header and first two rows, the first one changed."""
    reader = csv.DictReader(io.StringIO(CSV_FILE.read_text("utf-8-sig")))
    rows = [dict(row) for _, row in zip(range(2), reader, strict=False)]
    rows[0].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def admin_upload(client, content):
    file = SimpleUploadedFile("export.csv", content, "text/csv")
    return client.post("/admin/aids/aid/import/", {"file": file})


def test_admin_import_of_a_field_over_the_csv_limit_is_a_french_file_error(admin_client):
    before = set(Aid.objects.values_list("pk", "updated_at"))

    response = admin_upload(admin_client, export_with({"Descriptif": "x" * 131_073}))

    assert response.status_code == 200
    assert (
        "Ce fichier est illisible à partir de la ligne 2 : un champ dépasse 131 072 caractères"
        in text_of(response.content.decode())
    )
    assert set(Aid.objects.values_list("pk", "updated_at")) == before, "nothing imported"


def test_admin_import_refuses_a_closing_date_in_year_9999_for_that_row(admin_client):
    response = admin_upload(admin_client, export_with({"Date Clôture": "31/12/9999"}))

    page = text_of(response.content.decode())
    assert "Ligne 2 : date de clôture « 31/12/9999 » hors limites (année de 2000 à 2100)" in page
    assert "1 aides importées" in page


def test_structure_form_refuses_a_creation_year_9999_next_to_the_field(client, login):
    login(UserFactory())
    typed = {"name": "Les Jardins partagés", "sector": "environment", "commune": "Lille"}

    response = client.post(
        reverse("structures:create"), {**typed, "creation_date": "9999-01-01", "action": "save"}
    )

    page = Page(response.content.decode())
    assert "L'année doit être comprise entre 1800 et 2100." in page.text(
        "id_creation_date-desc-error"
    )
    assert page.form_with("name").values()["creation_date"] == "9999-01-01"
    assert not Structure.objects.filter(name="Les Jardins partagés").exists()


def test_aid_form_refuses_a_closing_year_9999_next_to_the_field(client, login):
    provider = partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])
    organization = Organization.objects.get(memberships__user=provider)
    login(provider)
    page = client.get("/aides/nouvelle/").content.decode()
    typed = {
        "name": "Fonds régional d'essai",
        "short_description": "Essai.",
        "kind": "grant",
        "providers": [str(organization.pk)],
        "regions": ["32"],
        "closing_date": "9999-12-31",
    }

    response = client.post("/aides/nouvelle/", form_data(page, **typed))

    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "id_closing_date") == "L'année doit être comprise entre 2000 et 2100."
    assert 'name="closing_date" value="9999-12-31"' in html
    assert not Aid.objects.filter(name="Fonds régional d'essai").exists()
