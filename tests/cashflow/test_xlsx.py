"""XLSX export (numbers and live formulas) and import of the same layout, through the pages."""

import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from aidess.cashflow.models import CashflowPlan
from tests.cashflow.helpers import example_plan, plan_lines
from tests.factories import StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    return StructureFactory(member=member, name="La Ressourcerie du Nord")


@pytest.fixture
def plan(structure):
    return example_plan(structure)


@pytest.fixture
def signed_in(client, login, member):
    return login(member)


def exported(client, plan):
    response = client.get(reverse("cashflow:xlsx", args=[plan.structure_id, plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert f'filename="plan-tresorerie-{plan.pk}.xlsx"' in response["Content-Disposition"]
    return response.content


def sheet_of(content):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def as_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, structure, content, name="plan.xlsx"):
    return client.post(
        reverse("cashflow:import", args=[structure.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=XLSX_TYPE)},
    )


def row_named(sheet, label):
    (row,) = [cells for cells in sheet.iter_rows() if cells[1].value == label]
    return row


class Formulas:
    """Enough of a spreadsheet to evaluate the export's formulas: SUMIF, MIN, MAX, + and -."""

    REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")

    def __init__(self, sheet):
        self.sheet = sheet

    def value(self, ref):
        value = self.sheet[ref].value
        if isinstance(value, str) and value.startswith("="):
            return self.evaluate(value[1:])
        if isinstance(value, int | float):
            return Decimal(str(value))
        return value

    def cells(self, first, last):
        return [
            self.value(cell.coordinate) for row in self.sheet[f"{first}:{last}"] for cell in row
        ]

    def evaluate(self, formula):
        def ref(match):
            column, row, last_column, last_row = match.groups()
            if last_column:
                return f'cells("{column}{row}", "{last_column}{last_row}")'
            return f'value("{column}{row}")'

        names = {
            "cells": self.cells,
            "value": self.value,
            "SUMIF": lambda kinds, wanted, amounts: sum(
                (a for k, a in zip(kinds, amounts, strict=True) if k == wanted), Decimal(0)
            ),
            "MIN": lambda *args: min(v for a in args for v in (a if isinstance(a, list) else [a])),
            "MAX": lambda *args: max(v for a in args for v in (a if isinstance(a, list) else [a])),
        }
        return eval(self.REF.sub(ref, formula), {"__builtins__": {}}, names)  # noqa: S307


# Export


def test_export_holds_numbers_and_formulas_in_the_aidess_layout(client, signed_in, plan):
    sheet = sheet_of(exported(client, plan))

    assert sheet.title == "Plan de trésorerie"
    assert sheet["A1"].value == "Plan de trésorerie AidESS"
    assert (sheet["A2"].value, sheet["B2"].value) == ("Structure", "La Ressourcerie du Nord")
    assert sheet["B3"].value == 1000
    assert [cell.value for cell in sheet[5]] == ["Sens", "Ligne", "2026-01", "2026-02", "2026-03"]
    assert [cell.value for cell in sheet[6]] == ["Encaissement", "Ventes", 3000, 4000, 2000]
    assert [cell.value for cell in sheet[7]] == ["Décaissement", "Salaires", 5000, 3500, 4500.5]
    for cell in (*sheet[6][2:], *sheet[7][2:], sheet["B3"]):
        assert isinstance(cell.value, int | float), cell.coordinate
        assert cell.number_format == "#,##0.00"

    receipts = row_named(sheet, "Total des encaissements")
    assert receipts[0].value == "Total"
    assert receipts[2].value == '=SUMIF($A$6:$A$7,"Encaissement",C6:C7)'
    assert row_named(sheet, "Total des décaissements")[4].value.startswith("=SUMIF(")
    need = row_named(sheet, "Besoin de financement immédiat")[2].value
    assert need.startswith("=MAX(0,-MIN(") and need.endswith(")")


def test_export_formulas_compute_the_same_figures_as_the_site(client, signed_in, plan):
    sheet = sheet_of(exported(client, plan))
    formulas = Formulas(sheet)

    def figures(label):
        return [str(formulas.value(cell.coordinate)) for cell in row_named(sheet, label)[2:5]]

    assert figures("Total des encaissements") == ["3000", "4000", "2000"]
    assert figures("Total des décaissements") == ["5000", "3500", "4500.5"]
    assert figures("Flux net du mois") == ["-2000", "500", "-2500.5"]
    assert figures("Solde de trésorerie en fin de mois") == ["-1000", "-500", "-3000.5"]
    need = row_named(sheet, "Besoin de financement immédiat")[2]
    assert formulas.value(need.coordinate) == Decimal("3000.50")

    # A treasurer edits a cell: the need follows.
    sheet["E7"] = 1000
    assert formulas.value(need.coordinate) == Decimal("1000"), "January is now the lowest"


# Export then import


def test_exported_plan_imports_as_the_same_plan(client, signed_in, structure, plan):
    response = upload(client, structure, exported(client, plan))

    imported = CashflowPlan.objects.exclude(pk=plan.pk).get()
    assert response.status_code == 302
    assert response.url == imported.get_absolute_url()
    assert (imported.start, imported.months, imported.opening_balance) == (
        plan.start,
        plan.months,
        plan.opening_balance,
    )
    assert plan_lines(imported) == plan_lines(plan)
    assert imported.result() == plan.result()
    assert imported.title == "Plan de trésorerie importé"
    page = Page(client.get(response.url).content.decode())
    assert "Plan importé." in page.all_text
    assert page.text("financing-need") == "Besoin de financement immédiat : 3\u202f000,50\xa0€"


def test_a_twelve_month_plan_with_default_lines_round_trips(client, signed_in, structure):
    client.post(
        reverse("cashflow:create", args=[structure.pk]),
        {"start_month": "7", "start_year": "2026", "months": "12"},
    )
    plan = CashflowPlan.objects.get()
    line = plan.lines.get(label="Loyer")
    line.amounts = ["1250.75"] * 6 + ["0.00"] * 5 + ["99999999.99"]
    line.save()
    plan.opening_balance = Decimal("-320.10")
    plan.save()

    upload(client, structure, exported(client, plan))

    imported = CashflowPlan.objects.exclude(pk=plan.pk).get()
    assert (imported.start, imported.months) == (plan.start, 12)
    assert imported.opening_balance == Decimal("-320.10")
    assert plan_lines(imported) == plan_lines(plan)
    assert len(plan_lines(imported)) == 15


def test_amounts_changed_in_a_spreadsheet_are_imported(client, signed_in, structure, plan):
    sheet = sheet_of(exported(client, plan))
    sheet["C6"] = 3500.25
    sheet["D7"] = "3 600,00"  # typed as text, the French way
    sheet["B6"] = "Ventes en ligne"
    sheet["E6"] = None  # an emptied cell is 0

    upload(client, structure, as_bytes(sheet.parent))

    imported = CashflowPlan.objects.exclude(pk=plan.pk).get()
    assert plan_lines(imported) == [
        ("receipt", "Ventes en ligne", ["3500.25", "4000.00", "0.00"]),
        ("expense", "Salaires", ["5000.00", "3600.00", "4500.50"]),
    ]


# Import errors: a French message naming the place, and nothing created


def refused(client, structure, content, name="plan.xlsx"):
    before = CashflowPlan.objects.count()
    response = upload(client, structure, content, name)
    assert response.status_code == 400
    assert CashflowPlan.objects.count() == before, "nothing is created"
    return Page(response.content.decode()).all_text


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("D7", "abc", "Ligne 7, colonne D : « abc » n'est pas un montant."),
        ("C6", 12.345, "Ligne 6, colonne C : « 12.345 » a plus de 2 décimales."),
        ("E6", -20, "Ligne 6, colonne E : Montant négatif : saisissez-le en positif, la ligne donne le sens."),
        ("B3", "beaucoup", "Ligne 3, colonne B : « beaucoup » n'est pas un montant."),
        ("A7", "Dépense", "Ligne 7, colonne A : « Dépense » : « Encaissement » ou « Décaissement » attendu."),
        ("A7", None, "Ligne 7, colonne A : Sens manquant : « Encaissement » ou « Décaissement » attendu."),
    ],
)  # fmt: skip
def test_bad_cell_is_named_by_row_and_column(
    client, signed_in, structure, plan, cell, value, message
):
    sheet = sheet_of(exported(client, plan))
    sheet[cell] = value
    text = refused(client, structure, as_bytes(sheet.parent))
    assert "Le fichier n'a pas été importé :" in text
    assert message in text


@pytest.mark.parametrize(
    "months", [("2026-02", "2026-01", "2026-03"), ("2026-01", "2026-01", "2026-02"), ("2026-01", "2026-02", "2026-04"), ("janvier", "février", "mars")]
)  # fmt: skip
def test_months_out_of_order_or_duplicated_are_refused(client, signed_in, structure, plan, months):
    sheet = sheet_of(exported(client, plan))
    for column, label in zip("CDE", months, strict=True):
        sheet[f"{column}5"] = label
    text = refused(client, structure, as_bytes(sheet.parent))
    assert "Les mois (ligne 5) doivent se suivre, sans doublon, au format AAAA-MM." in text


def test_more_months_than_a_plan_holds_are_refused(client, signed_in, structure, plan):
    sheet = sheet_of(exported(client, plan))
    for offset in range(13):
        sheet.cell(5, 3 + offset, f"2026-{offset + 1:02d}" if offset < 12 else "2027-01")
        sheet.cell(6, 3 + offset, 10)
        sheet.cell(7, 3 + offset, 5)
    text = refused(client, structure, as_bytes(sheet.parent))
    assert "12 mois" in text


def test_a_workbook_from_another_template_is_refused(client, signed_in, structure):
    workbook = Workbook()
    workbook.active["A1"] = "Budget prévisionnel"
    workbook.active["B5"] = 1200
    text = refused(client, structure, as_bytes(workbook))
    assert "Ce classeur ne suit pas le modèle AidESS" in text
    assert "ne suit pas le modèle" in refused(client, structure, as_bytes(Workbook()))


def test_a_workbook_without_lines_is_refused(client, signed_in, structure, plan):
    sheet = sheet_of(exported(client, plan))
    sheet.delete_rows(6, 2)
    assert "Aucune ligne d'encaissement ni de décaissement." in refused(
        client, structure, as_bytes(sheet.parent)
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n...", "Ce fichier n'est pas un classeur XLSX."),
        (b"Sens;Ligne;2026-01\nEncaissement;Ventes;3000\n", "Ce fichier n'est pas un classeur XLSX."),
        (b"", "Ce fichier n'est pas un classeur XLSX."),
        (b"PK\x03\x04 pas vraiment un zip", "Ce classeur XLSX est illisible."),
    ],
)  # fmt: skip
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(
    client, signed_in, structure, content, message
):
    assert message in refused(client, structure, content, name="plan.csv")


def test_a_zip_that_is_not_a_workbook_is_refused(client, signed_in, structure):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bonjour.txt", "bonjour")
    assert "Ce classeur XLSX est illisible." in refused(client, structure, buffer.getvalue())


def test_a_file_over_2_mb_is_refused(client, signed_in, structure):
    content = b"PK\x03\x04" + b"0" * (2 * 1024 * 1024)
    assert "Le fichier dépasse 2 Mo." in refused(client, structure, content)


def test_no_file_is_asked_for(client, signed_in, structure):
    response = client.post(reverse("cashflow:import", args=[structure.pk]))
    assert response.status_code == 400
    assert "Choisissez un fichier XLSX." in Page(response.content.decode()).all_text
    assert not CashflowPlan.objects.exists()


def test_import_page_explains_the_layout(client, signed_in, structure):
    response = client.get(reverse("cashflow:import", args=[structure.pk]))
    assert response.status_code == 200
    assert "Un nouveau plan est créé" in response.content.decode()


def test_a_start_month_out_of_the_calendar_is_refused(client, signed_in, structure, plan):
    sheet = sheet_of(exported(client, plan))
    for column, label in zip("CDE", ("0000-01", "0000-02", "0000-03"), strict=True):
        sheet[f"{column}5"] = label
    assert (
        "Le premier mois (ligne 5, colonne C) est hors limites. L'année doit être comprise entre 2000 et 2100."
        in refused(client, structure, as_bytes(sheet.parent))
    )


def test_an_amount_too_large_is_refused(client, signed_in, structure, plan):
    sheet = sheet_of(exported(client, plan))
    sheet["B3"] = 1e15
    assert "Ligne 3, colonne B : « 1000000000000000 » est trop grand" in refused(
        client, structure, as_bytes(sheet.parent)
    )


def test_labels_that_look_like_formulas_stay_text(client, signed_in, structure, plan):
    """A label such as "=HYPERLINK(…)" must not run when an advisor opens the file."""
    line = plan.lines.get(label="Ventes")
    line.label = '=HYPERLINK("https://exemple.org","Cliquez")'
    line.save()
    structure.name = "=1+1 Association"
    structure.save()

    content = exported(client, plan)
    sheet = sheet_of(content)
    assert (sheet["B6"].value, sheet["B6"].data_type) == (line.label, "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("=1+1 Association", "s")

    upload(client, structure, content)
    imported = CashflowPlan.objects.exclude(pk=plan.pk).get()
    assert plan_lines(imported)[0][1] == line.label
