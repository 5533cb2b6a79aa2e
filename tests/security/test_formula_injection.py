"""Exports never hand a spreadsheet a formula someone typed (CSV/XLSX injection, OWASP)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aidess.aids.enums import AidKind, AidSource, AidStatus
from aidess.aids.models import Aid
from aidess.cashflow.arithmetic import Line, Plan
from aidess.cashflow.xlsx import export_xlsx
from aidess.core.exports import neutralized
from aidess.eligibility.models import AidCriteria
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.territories.models import Commune
from tests.factories import StructureFactory, partner

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_evaluate_gets_an_apostrophe(start):
    assert neutralized(f"{start}1+1") == f"'{start}1+1"


def test_plain_text_and_numbers_are_left_as_they_are():
    assert neutralized("Théâtre du Nord") == "Théâtre du Nord"
    assert neutralized(Decimal("-5.00")) == Decimal("-5.00")
    assert neutralized("") == ""


def test_eligible_structures_csv_writes_a_formula_name_as_text(client, login):
    provider = partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])
    aid = Aid.objects.create(
        name="Fonds test",
        slug="fonds-test",
        short_description="Test.",
        kind=AidKind.GRANT,
        status=AidStatus.PUBLISHED,
        is_national=True,
        source=AidSource.PROVIDER,
    )
    aid.providers.add(Organization.objects.get(memberships__user=provider))
    AidCriteria.objects.create(aid=aid, ess_required=True)
    StructureFactory(name=HYPERLINK, commune=Commune.objects.get(code="59350"), is_ess=True)
    StructureFactory(name="@SUM(A1)", commune=Commune.objects.get(code="59350"), is_ess=True)
    login(provider)

    response = client.get(reverse("eligibility:eligible_structures_csv", args=[aid.slug]))

    names = [
        row[1] for row in csv.reader(io.StringIO(response.content.decode()[1:]), delimiter=";")
    ]
    assert "'" + HYPERLINK in names
    assert "'@SUM(A1)" in names
    assert HYPERLINK not in names


def test_xlsx_export_writes_a_typed_formula_as_text():
    plan = Plan(2027, 1, Decimal("0"), (Line(HYPERLINK, (Decimal("10"),)),), ())

    sheet = load_workbook(io.BytesIO(export_xlsx(plan, HYPERLINK))).worksheets[0]

    assert (sheet["B2"].value, sheet["B2"].data_type) == (HYPERLINK, "s")
    assert (sheet["B6"].value, sheet["B6"].data_type) == (HYPERLINK, "s")
