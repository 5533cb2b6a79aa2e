"""The demo structure's application file, partly filled so that its page has something to show:
contacts, both budgets (the forecast a little unbalanced), an agrément, statutes and bank details
valid, the approved accounts expired, the list of officers and the activity report missing."""

import datetime
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from aidess.applications.chart import section_of
from aidess.applications.enums import AgrementKind, DocumentKind, YearKind
from aidess.applications.models import ApplicationFile, BudgetLine, Document
from aidess.applications.uploads import PDF

ACTUAL = {"60": 8200, "61": 14500, "62": 9800, "63": 1200, "64": 52000, "65": 1500, "68": 2800}
ACTUAL_PRODUCTS = [
    ("70", "Billetterie et ateliers", 40500),
    ("74", "Ville de Paris", 25000),
    ("74", "DRAC Île-de-France", 15000),
    ("75", "Cotisations et dons", 9000),
    ("76", "", 500),
    ("86", "", 18000),
    ("87", "Bénévolat (1 200 heures)", 18000),
]
FORECAST = {"60": 9000, "61": 15500, "62": 10500, "63": 1300, "64": 56000, "65": 1500, "68": 2800}
FORECAST_PRODUCTS = [
    ("70", "Billetterie et ateliers", 33000),
    ("74", "Ville de Paris", 26000),
    ("74", "DRAC Île-de-France", 15000),
    ("74", "Région Île-de-France (demandée)", 10000),
    ("75", "Cotisations et dons", 9500),
    ("86", "", 18000),
    ("87", "Bénévolat (1 200 heures)", 18000),
]


def pdf_bytes(title, lines):
    """A small valid one-page PDF, so that a downloaded demo document opens."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(title)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(72, 770, title)
    page.setFont("Helvetica", 11)
    for number, line in enumerate(lines):
        page.drawString(72, 740 - 16 * number, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def budget_lines(application_file, year_kind, charges, products):
    rows = [(account, "", amount) for account, amount in charges.items()] + products
    return [
        BudgetLine(
            file=application_file,
            year_kind=year_kind,
            account=account,
            section=section_of(account),  # bulk_create skips BudgetLine.save(), which sets it
            label=label,
            amount=Decimal(amount),
        )
        for account, label, amount in rows
    ]


def add_document(application_file, kind, name, valid_until, uploaded_on, user):
    structure = application_file.structure
    content = pdf_bytes(
        f"{DocumentKind(kind).label} — {structure.name}", ["Document de démonstration."]
    )
    document = Document(
        file=application_file,
        kind=kind,
        original_name=name,
        content_type=PDF.content_type,
        size=len(content),
        valid_until=valid_until,
        uploaded_by=user,
    )
    document.content.save(f"{uploaded_on:%Y%m%d}.pdf", ContentFile(content), save=False)
    document.save()
    Document.objects.filter(pk=document.pk).update(
        uploaded_at=datetime.datetime.combine(uploaded_on, datetime.time(10), datetime.UTC)
    )


def create_demo_application_file(structure, user, today=None):
    """Once: a file already there (the demo played with) is left as it is. True when created."""
    if ApplicationFile.objects.filter(structure=structure).exists():
        return False
    today = today or datetime.date.today()
    application_file = ApplicationFile.objects.create(
        structure=structure,
        representative_name="Claire Durand",
        representative_role="Présidente",
        representative_email="presidence@theatre-gildas.example",
        representative_phone="01 45 00 00 00",
        contact_name=f"{user.first_name} {user.last_name}",
        contact_role="Administratrice",
        contact_email=user.email,
        members_count=85,
        volunteers=12,
        employees=3,
        employees_fte=Decimal("2.00"),
        updated_by=user,
    )
    BudgetLine.objects.bulk_create(
        budget_lines(application_file, YearKind.ACTUAL, ACTUAL, ACTUAL_PRODUCTS)
        + budget_lines(application_file, YearKind.FORECAST, FORECAST, FORECAST_PRODUCTS)
    )
    application_file.agrements.create(
        kind=AgrementKind.JEP,
        number="75-JEP-2019-042",
        granted_on=datetime.date(2019, 6, 14),
        authority="SDJES de Paris",
    )
    long_ago = today - datetime.timedelta(days=600)
    add_document(application_file, DocumentKind.STATUTES, "statuts-2019.pdf", None, long_ago, user)
    add_document(application_file, DocumentKind.BANK_DETAILS, "rib.pdf", None, long_ago, user)
    add_document(
        application_file,
        DocumentKind.ACCOUNTS,
        "comptes-approuves.pdf",
        today - datetime.timedelta(days=52),
        long_ago,
        user,
    )
    return True
