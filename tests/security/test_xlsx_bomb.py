"""An uploaded workbook is measured before openpyxl unpacks it: a ZIP bomb or a million cells is
refused with a French message next to the file field, and nothing is created."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aidess.cashflow.models import CashflowPlan
from tests.aids.helpers import text_of
from tests.cashflow.helpers import example_plan
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOO_BIG = "Le fichier est trop volumineux une fois décompressé"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def workbook(sheet_rows, extra=None):
    """A minimal valid XLSX (compressed as Excel does) whose sheet holds `sheet_rows` of XML."""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + sheet_rows + b"</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def cells(rows, columns):
    return b"".join(
        b'<row r="%d">' % row
        + b"".join(b'<c r="A%d"><v>1</v></c>' % row for _ in range(columns))
        + b"</row>"
        for row in range(1, rows + 1)
    )


@pytest.fixture
def structure(client, login):
    member = UserFactory()
    login(member)
    return StructureFactory(member=member)


def upload(client, structure, content):
    response = client.post(
        reverse("cashflow:import", args=[structure.pk]),
        {"file": SimpleUploadedFile("plan.xlsx", content, XLSX_TYPE)},
    )
    assert response.status_code == 400
    assert not CashflowPlan.objects.exists(), "nothing is created"
    return text_of(response.content.decode())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, structure):
    bomb = workbook(cells(1, 1), extra={"xl/media/padding.xml": b" " * (64 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024, "small when packed"

    assert TOO_BIG in upload(client, structure, bomb)


def test_a_million_cells_in_a_small_file_are_refused(client, structure):
    million = workbook(cells(1000, 1000))
    assert len(million) < 2 * 1024 * 1024, "under the upload limit"

    page = upload(client, structure, million)

    assert TOO_BIG in page or "Le classeur compte plus de 20 000 cellules" in page


def test_a_sheet_with_more_cells_than_a_plan_holds_is_refused_by_its_count(client, structure):
    wide = workbook(cells(300, 100))  # 30 000 cells, 0.8 MB unpacked: under the size limit

    page = upload(client, structure, wide)

    assert "Le classeur compte plus de 20 000 cellules : un plan de trésorerie" in page


def test_a_real_export_within_the_limits_is_still_imported(client, structure):
    plan = example_plan(structure)
    content = client.get(reverse("cashflow:xlsx", args=[structure.pk, plan.pk])).content
    plan.delete()

    response = client.post(
        reverse("cashflow:import", args=[structure.pk]),
        {"file": SimpleUploadedFile("plan.xlsx", content, XLSX_TYPE)},
    )

    assert response.status_code == 302
    assert CashflowPlan.objects.count() == 1
