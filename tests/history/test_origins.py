"""Each way a record changes leaves an entry with who, from where and the field diff: a page, the
API, an admin bulk action, the admin CSV import, a management command, a background job."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from aidess.aids.enums import AidSource, AidStatus
from aidess.aids.models import Aid
from aidess.history.context import Origin, recorded_as
from aidess.history.middleware import AuditMiddleware
from aidess.history.models import AuditEntry
from aidess.structures.models import Structure
from tests.factories import AidFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV_FILE = Path(__file__).resolve().parents[2] / "aidess/aids/data/aides-territoires_periurbain.csv"


@pytest.fixture(scope="module")
def export_rows():
    reader = csv.DictReader(io.StringIO(CSV_FILE.read_text("utf-8-sig")))
    return reader.fieldnames, [dict(row) for row in reader]


def write_csv(fieldnames, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def source_key(row):
    return row["Lien"].rstrip("/").rsplit("/", 1)[1]


def last_change(instance):
    return AuditEntry.objects.get_for_object(instance).filter(action=1).latest("id")


def test_a_page_records_the_member_the_path_and_the_change(client, login):
    member = UserFactory(first_name="Awa", last_name="Diallo")
    structure = StructureFactory(member=member, name="Les Jardins partagés")
    url = reverse("structures:update", args=[structure.pk])
    data = {
        "action": "save",
        "name": "Les Jardins partagés du Nord",
        "sector": "environment",
        "commune": "Lille",
        "annual_budget_eur": "48000",
    }

    assert login(member).post(url, data).status_code == 302

    entry = last_change(structure)
    assert (entry.actor, entry.origin, entry.origin_detail) == (member, "page", f"POST {url}")
    assert entry.structure_id == structure.pk
    assert entry.changes["name"] == ["Les Jardins partagés", "Les Jardins partagés du Nord"]
    assert entry.changes["annual_budget_eur"] == ["None", "48000"]


def test_an_api_request_is_recorded_as_coming_from_the_api():
    """No API route stores a record yet: the middleware is driven with an API path."""
    user = UserFactory()
    structure = StructureFactory(name="Avant")
    request = RequestFactory().post(f"/api/v1/structures/{structure.pk}")
    request.user = user

    def view(request):
        structure.name = "Après"
        structure.save()

    AuditMiddleware(view)(request)

    entry = last_change(structure)
    assert (entry.actor, entry.origin) == (user, "api")
    assert entry.origin_detail == f"POST /api/v1/structures/{structure.pk}"


def test_the_admin_publish_and_archive_actions_record_each_aid(client, login):
    admin = UserFactory(admin=True)
    drafts = [AidFactory(status=AidStatus.DRAFT) for _ in range(2)]
    url = reverse("admin:aids_aid_changelist")
    pks = [aid.pk for aid in drafts]

    client = login(admin)
    client.post(url, {"action": "publish", "_selected_action": pks})
    client.post(url, {"action": "archive", "_selected_action": pks})

    for aid in drafts:
        published, archived = AuditEntry.objects.get_for_object(aid).filter(action=1).order_by("id")
        assert published.changes["status"] == [AidStatus.DRAFT, AidStatus.PUBLISHED]
        assert archived.changes["status"] == [AidStatus.PUBLISHED, AidStatus.ARCHIVED]
        assert (archived.actor, archived.origin, archived.origin_detail) == (
            admin,
            "admin",
            f"POST {url}",
        )


def test_the_admin_csv_import_records_the_changed_aid_only(client, login, export_rows):
    fieldnames, rows = export_rows
    rows = [dict(row) for row in rows]
    row = rows[0]
    row["Nom"] = "Aide renommée par l'import"
    admin = UserFactory(admin=True)
    before = AuditEntry.objects.latest("id").id
    upload = SimpleUploadedFile("export.csv", write_csv(fieldnames, rows).encode(), "text/csv")

    login(admin).post("/admin/aids/aid/import/", {"file": upload})

    aid = Aid.objects.get(source=AidSource.AIDES_TERRITOIRES, source_key=source_key(row))
    new = AuditEntry.objects.filter(id__gt=before, content_type__model="aid")
    assert {entry.object_pk for entry in new} == {str(aid.pk)}, "unchanged rows write nothing"
    entry = new.get(changes__has_key="name")
    assert entry.changes["name"][1] == "Aide renommée par l'import"
    assert (entry.actor, entry.origin, entry.origin_detail) == (
        admin,
        "admin",
        "POST /admin/aids/aid/import/",
    )


def test_a_management_command_records_its_name(export_rows, tmp_path):
    fieldnames, rows = export_rows
    rows = [dict(row) for row in rows[:1]]
    rows[0]["Descriptif"] += " Mise à jour par la commande."
    path = tmp_path / "export.csv"
    path.write_text(write_csv(fieldnames, rows), encoding="utf-8")

    call_command("import_aides_territoires", str(path), stdout=io.StringIO())

    aid = Aid.objects.get(source=AidSource.AIDES_TERRITOIRES, source_key=source_key(rows[0]))
    entry = last_change(aid)
    assert (entry.actor, entry.origin, entry.origin_detail) == (
        None,
        "command",
        "import_aides_territoires",
    )
    assert entry.changes["description"][1].endswith("Mise à jour par la commande.")


def test_a_background_job_records_its_name_and_the_person_it_acts_for():
    user = UserFactory()
    structure = StructureFactory()
    with recorded_as(Origin.JOB, "send_reminders", actor=user):
        Structure.objects.get(pk=structure.pk).delete()

    entry = AuditEntry.objects.get_for_object(structure).get(action=2)
    assert (entry.actor, entry.origin, entry.origin_detail) == (user, "job", "send_reminders")
    assert entry.structure_id == structure.pk
