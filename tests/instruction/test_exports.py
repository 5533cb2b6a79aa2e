"""Inbox exports: CSV/XLSX with the chosen columns, a ZIP of the files built in the background and
offered on « Mes exports » to the person who asked, for 7 days; nothing outside one's reach."""

import csv
import datetime
import html
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import Label, Message, Payment, SubmittedDocument
from aidess.instruction.models import ExportJob, ExportState
from aidess.instruction.tasks import purge_expired_exports
from aidess.organizations.enums import ScopeLevel
from tests.factories import ApplicationFactory, StructureFactory, UserFactory, instructor

pytestmark = pytest.mark.django_db
URL = reverse("instruction:export")


@pytest.fixture
def inbox():
    """An instructor with three applications to one aid, and one application elsewhere."""
    first = ApplicationFactory(
        reference="2026-000101",
        status=S.ACCEPTED,
        amount_granted_eur=Decimal("8000.00"),
        decided_at=timezone.now(),
        structure=StructureFactory(name="La Ressourcerie", siret="80295478500028"),
    )
    agent = instructor(first)
    second = ApplicationFactory(reference="2026-000102", aid=first.aid, assigned_to=agent)
    third = ApplicationFactory(reference="2026-000103", aid=first.aid, status=S.INSTRUCTION)
    elsewhere = ApplicationFactory(reference="2026-000999")
    Payment.objects.create(
        application=first, paid_on=datetime.date(2026, 3, 1), amount_eur=Decimal("3000")
    )
    Payment.objects.create(
        application=first, paid_on=datetime.date(2026, 6, 1), amount_eur=Decimal("2000.50")
    )
    organization = first.aid.providers.get()
    first.labels.add(
        Label.objects.create(organization=organization, name="Visite prévue"),
        Label.objects.create(organization=organization, name="Prioritaire"),
    )
    return agent, first, second, third, elsewhere


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def post(client, query, **data):
    return client.post(f"{URL}?{query}", data)


def test_csv_has_the_chosen_columns_in_order(client, login, inbox):
    agent, first, second, third, elsewhere = inbox
    login(agent)
    columns = ["reference", "structure", "siret", "amount_granted", "paid", "labels"]
    rows = csv_rows(post(client, f"ids={first.pk}", format="csv", columns=columns))
    assert rows == [
        ["Numéro", "Structure", "SIRET", "Montant accordé (€)", "Montant versé (€)", "Étiquettes"],
        ["2026-000101", "La Ressourcerie", "80295478500028", "8000.00", "5000.50",
         "Prioritaire, Visite prévue"],
    ]  # fmt: skip


def test_the_inbox_filters_choose_the_rows_as_the_inbox_does(client, login, inbox):
    agent, first, second, third, elsewhere = inbox
    login(agent)
    rows = csv_rows(
        post(client, "tab=a_traiter", format="csv", columns=["reference", "state", "assigned_to"])
    )
    assert sorted(rows[1:]) == [
        ["2026-000102", "Déposée", str(agent)],
        ["2026-000103", "En instruction", ""],
    ]
    accepted = csv_rows(post(client, "tab=acceptees", format="csv", columns=["reference"]))
    assert accepted == [["Numéro"], ["2026-000101"]]


def test_ids_outside_ones_reach_are_left_out_and_counted(client, login, inbox):
    agent, first, second, third, elsewhere = inbox
    login(agent)
    query = f"ids={first.pk},{elsewhere.pk},{second.pk},999999"
    page = client.get(f"{URL}?{query}")
    text = page.content.decode()
    assert "2 demandes sélectionnées" in text
    assert "2 demandes ignorées : hors de votre périmètre." in text
    assert "2026-000999" not in text
    rows = csv_rows(post(client, query, format="csv", columns=["reference"]))
    assert sorted(rows[1:]) == [["2026-000101"], ["2026-000102"]]


def test_a_regional_instructor_exports_only_its_region(client, login, inbox):
    agent, first, *_ = inbox
    regional = instructor(first, scope=ScopeLevel.REGIONAL, regions=["84"])  # not Lille's
    login(regional)
    page = client.get(f"{URL}?ids={first.pk}").content.decode()
    assert "1 demande ignorée : hors de votre périmètre." in page
    response = post(client, f"ids={first.pk}", format="csv", columns=["reference"])
    assert "Aucune demande à exporter" in response.content.decode()


def test_a_cell_a_spreadsheet_would_run_is_neutralised_in_csv_and_xlsx(client, login, inbox):
    agent, first, *_ = inbox
    first.structure.name = '=HYPERLINK("http://pirate.example","Cliquez")'
    first.structure.save()
    login(agent)
    rows = csv_rows(post(client, f"ids={first.pk}", format="csv", columns=["structure"]))
    assert rows[1] == ['\'=HYPERLINK("http://pirate.example","Cliquez")']
    response = post(client, f"ids={first.pk}", format="xlsx", columns=["structure", "paid"])
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["A2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("'=HYPERLINK")
    assert sheet["B2"].value == 5000.5  # a number the spreadsheet adds up


def test_xlsx_with_dates_and_amounts(client, login, inbox):
    agent, first, second, *_ = inbox
    login(agent)
    response = post(
        client,
        f"ids={second.pk}",
        format="xlsx",
        columns=["reference", "department", "submitted_at", "amount_requested"],
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0] == ("Numéro", "Département", "Déposée le", "Montant demandé (€)")
    reference, department, submitted, amount = rows[1]
    assert (reference, amount, department) == ("2026-000102", 10000, "59")
    assert submitted.date() == timezone.localdate()


def test_no_column_and_unreadable_ids_are_said_in_french(client, login, inbox):
    agent, first, *_ = inbox
    login(agent)
    response = post(client, f"ids={first.pk}", format="csv")
    assert response.status_code == 200
    assert "Cochez au moins une colonne." in response.content.decode()
    response = client.get(f"{URL}?ids=1,deux")
    assert response.status_code == 400
    assert "« deux » n'est pas un numéro de demande." in html.unescape(response.content.decode())


def test_only_instructors_reach_the_export(client, login, inbox):
    login(UserFactory())
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302  # to the sign-in page


def add_files(application):
    SubmittedDocument.objects.create(
        application=application,
        kind="statuts",
        kind_label="Statuts",
        content=ContentFile(b"%PDF-1.4 statuts", name="statuts.pdf"),
        original_name="Statuts signés.pdf",
        content_type="application/pdf",
        size=16,
    )
    Message.objects.create(
        application=application,
        side="demandeur",
        body="Voici le RIB.",
        attachment=ContentFile(b"%PDF-1.4 rib", name="rib.pdf"),
        attachment_name="rib.pdf",
        attachment_type="application/pdf",
    )
    Message.objects.create(application=application, side="instructeur", body="Merci.")


def test_zip_is_built_in_the_background_and_read_back(client, login, inbox):
    agent, first, second, third, elsewhere = inbox
    add_files(first)
    add_files(elsewhere)
    login(agent)
    response = post(client, f"ids={first.pk},{second.pk},{elsewhere.pk}", format="zip")
    assert response.status_code == 302
    assert response["Location"] == reverse("instruction:my_exports")
    job = ExportJob.objects.get(requested_by=agent)
    assert job.state == ExportState.READY  # huey runs immediately in the tests
    assert job.ignored == 1

    page = client.get(reverse("instruction:my_exports")).content.decode()
    assert "Prêt" in page
    assert "1 ignorée (hors de votre périmètre)" in page
    download = client.get(reverse("instruction:export_download", args=[job.pk]))
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = sorted(archive.namelist())
    assert all(name.startswith(("2026-000101/", "2026-000102/")) for name in names), names
    assert "2026-000102/demande.json" in names
    receipt = json.loads(archive.read("2026-000101/demande.json"))
    assert receipt["numero"] == "2026-000101"
    assert receipt["structure"]["siret"] == "80295478500028"
    assert receipt["decision"]["montant_accorde_eur"] == "8000.00"
    (document,) = [name for name in names if "/documents/" in name]
    assert document.endswith("Statuts_signés.pdf")
    assert archive.read(document) == b"%PDF-1.4 statuts"
    (attachment,) = [name for name in names if "/messages/" in name]
    assert archive.read(attachment) == b"%PDF-1.4 rib"


def test_only_the_person_who_asked_downloads_the_archive(client, login, inbox):
    agent, first, *_ = inbox
    login(agent)
    post(client, f"ids={first.pk}", format="zip")
    job = ExportJob.objects.get()
    colleague = instructor(first)
    login(colleague)
    assert client.get(reverse("instruction:export_download", args=[job.pk])).status_code == 404
    assert (
        "Vous n'avez demandé aucun export"
        in client.get(reverse("instruction:my_exports")).content.decode()
    )


def test_exports_expire_after_seven_days_and_the_daily_purge_deletes_them(client, login, inbox):
    agent, first, *_ = inbox
    login(agent)
    post(client, f"ids={first.pk}", format="zip")
    post(client, f"ids={first.pk}", format="zip")
    old, recent = ExportJob.objects.order_by("pk")
    assert recent.expires_at - recent.created_at == datetime.timedelta(days=7)
    storage, path = old.file.storage, old.file.name
    assert storage.exists(path)
    ExportJob.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )

    assert client.get(reverse("instruction:export_download", args=[old.pk])).status_code == 404
    assert "Expiré" in client.get(reverse("instruction:my_exports")).content.decode()
    assert purge_expired_exports(timezone.localdate()) == 1
    assert not storage.exists(path)
    assert list(ExportJob.objects.all()) == [recent]
    assert client.get(reverse("instruction:export_download", args=[recent.pk])).status_code == 200
