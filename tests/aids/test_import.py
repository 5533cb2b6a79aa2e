"""Import of the real Aides-territoires export: idempotence, row errors, publication, territory."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from aidess.aids.admin import MAX_IMPORT_BYTES
from aidess.aids.enums import AidSource, AidStatus
from aidess.aids.importers import RowError, import_aides_territoires
from aidess.aids.models import Aid
from aidess.aids.search import search_aids
from aidess.organizations.models import Organization
from tests.aids.helpers import text_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CSV_FILE = Path(__file__).resolve().parents[2] / "aidess/aids/data/aides-territoires_periurbain.csv"
IMPORT_URL = "/admin/aids/aid/import/"


@pytest.fixture(scope="module")
def export_text():
    return CSV_FILE.read_text("utf-8-sig")


@pytest.fixture(scope="module")
def export_rows(export_text):
    reader = csv.DictReader(io.StringIO(export_text))
    return reader.fieldnames, list(reader)


def write_csv(fieldnames, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def source_key(row):
    return row["Lien"].rstrip("/").rsplit("/", 1)[1]


def imported(row):
    return Aid.objects.get(source=AidSource.AIDES_TERRITOIRES, source_key=source_key(row))


def found(text):
    aids = search_aids({"q": text}, timezone.localdate()).all()
    return {aid.slug for aid in aids}


def test_the_catalog_holds_the_274_aids_of_the_export(export_rows):
    _, rows = export_rows
    assert len(rows) == 274
    keys = set(
        Aid.objects.filter(source=AidSource.AIDES_TERRITOIRES).values_list("source_key", flat=True)
    )
    assert keys == {source_key(row) for row in rows}


def test_importing_the_same_file_again_changes_nothing(export_text):
    before = dict(
        Aid.objects.filter(source=AidSource.AIDES_TERRITOIRES).values_list("source_key", "pk")
    )

    report = import_aides_territoires(export_text)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 274)
    assert report.errors == []
    after = dict(
        Aid.objects.filter(source=AidSource.AIDES_TERRITOIRES).values_list("source_key", "pk")
    )
    assert after == before


def test_a_changed_row_is_updated_and_its_new_text_is_searchable(export_rows):
    fieldnames, rows = export_rows
    rows = [dict(row) for row in rows]
    row = next(row for row in rows if "Associations" in row["Bénéficiaire"].split(";"))
    row["Descriptif"] += " Les ateliers de xylophonistes bénévoles sont aussi concernés."
    assert found("xylophoniste") == set()

    report = import_aides_territoires(write_csv(fieldnames, rows))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 273)
    aid = imported(row)
    assert aid.description.endswith("xylophonistes bénévoles sont aussi concernés.")
    assert found("xylophonistes") == {aid.slug}
    # Several words: the aid holding both comes first, those with one of them after.
    both = search_aids({"q": "XYLOPHONISTE bénévole"}, timezone.localdate()).all()
    assert both[0].slug == aid.slug


def test_bad_rows_are_reported_with_their_line_and_every_other_row_is_imported(export_rows):
    fieldnames, rows = export_rows
    rows = [dict(row) for row in rows]
    # A description on three physical lines: line numbers are no longer row numbers + 1.
    rows[0]["Descriptif"] = "Première ligne.\nDeuxième ligne.\nTroisième ligne."
    rows[3]["Nom"] = "  "
    rows[5]["Date Clôture"] = "31/13/2022"
    rows[7]["Récurrence"] = "Mensuelle"
    rows[9]["Types d'aides"] = "Bourse;Médaille"
    rows[11]["Lien"] = "https://exemple.fr/pas-une-aide"
    untouched = {source_key(rows[index]): imported(rows[index]).name for index in (3, 5, 7, 9)}

    report = import_aides_territoires(write_csv(fieldnames, rows))

    # Header on line 1, row 0 on lines 2-4, so row n starts on line n + 4.
    assert report.errors == [
        (7, "le nom de l'aide est vide"),
        (9, "date de clôture « 31/13/2022 » invalide (attendu JJ/MM/AAAA)"),
        (11, "récurrence inconnue « Mensuelle »"),
        (13, "type d'aide non reconnu « Bourse;Médaille »"),
        (
            15,
            "le lien « https://exemple.fr/pas-une-aide » n'est pas une page d'aide "
            "Aides-territoires",
        ),
    ]
    assert report.imported == 269
    assert (report.created, report.updated) == (0, 1)
    assert imported(rows[0]).description == "Première ligne.\nDeuxième ligne.\nTroisième ligne."
    for key, name in untouched.items():
        assert Aid.objects.get(source=AidSource.AIDES_TERRITOIRES, source_key=key).name == name


def test_bad_rows_of_a_new_file_are_skipped_and_the_good_ones_created(export_rows):
    fieldnames, rows = export_rows
    new = [dict(row) for row in rows[:3]]
    for index, row in enumerate(new):
        row["Lien"] = f"https://aides-territoires.beta.gouv.fr/aides/essai-{index}/"
    new[1]["Date Clôture"] = "31/13/2022"

    report = import_aides_territoires(write_csv(fieldnames, new))

    assert report.created == 2
    assert [line for line, _ in report.errors] == [3]
    assert set(
        Aid.objects.filter(source_key__startswith="essai-").values_list("source_key", flat=True)
    ) == {"essai-0", "essai-2"}


def test_a_file_without_the_export_columns_is_refused_in_french():
    with pytest.raises(RowError) as error:
        import_aides_territoires("Titre,Adresse\nAide,https://exemple.fr\n")
    message = str(error.value)
    assert "n'est pas un export Aides-territoires" in message
    assert "colonnes manquantes" in message
    assert "Nom" in message and "Financeurs" in message


def test_only_aids_open_to_associations_are_published(export_rows):
    _, rows = export_rows
    statuses = dict(
        Aid.objects.filter(source=AidSource.AIDES_TERRITOIRES).values_list("source_key", "status")
    )
    for row in rows:
        expected = (
            AidStatus.PUBLISHED
            if "Associations" in row["Bénéficiaire"].split(";")
            else AidStatus.DRAFT
        )
        assert statuses[source_key(row)] == expected, row["Nom"]
    assert list(statuses.values()).count(AidStatus.PUBLISHED) == 41


def test_drafts_of_the_import_are_not_found_by_search(export_rows):
    _, rows = export_rows
    row = next(row for row in rows if "Associations" not in row["Bénéficiaire"])
    draft = imported(row)
    assert draft.status == AidStatus.DRAFT
    assert draft.slug not in found(draft.name)


def territory(aid):
    return (
        aid.is_national,
        set(aid.regions.values_list("code", flat=True)),
        set(aid.departments.values_list("code", flat=True)),
    )


def aids_financed_only_by(rows, financers):
    return [imported(row) for row in rows if row["Financeurs"].strip() == financers]


def test_a_departmental_council_gives_its_department(export_rows):
    _, rows = export_rows
    aids = aids_financed_only_by(rows, "Conseil départemental du Morbihan")
    assert len(aids) == 8
    for aid in aids:
        assert territory(aid) == (False, set(), {"56"})


def test_a_department_number_in_the_financer_name_gives_its_department(export_rows):
    _, rows = export_rows
    aids = aids_financed_only_by(rows, "ID77")
    assert aids
    for aid in aids:
        assert territory(aid) == (False, set(), {"77"})


def test_national_financers_give_national_aids(export_rows):
    _, rows = export_rows
    for financer in ["Banque des Territoires", "ADEME;Banque des Territoires"]:
        aids = aids_financed_only_by(rows, financer)
        assert aids, financer
        for aid in aids:
            assert territory(aid) == (True, set(), set()), financer


def test_a_regional_council_gives_its_region(export_rows):
    _, rows = export_rows
    aids = aids_financed_only_by(rows, "Conseil régional d'Ile de France")
    assert len(aids) == 3
    for aid in aids:
        assert territory(aid) == (False, {"11"}, set())


def test_a_financer_naming_two_departments_gives_both(export_rows):
    _, rows = export_rows
    aids = aids_financed_only_by(
        rows, "Établissement public foncier local de l'Oise et Aisne (EPFLO)"
    )
    assert len(aids) == 6
    for aid in aids:
        assert territory(aid) == (False, set(), {"60", "02"})


def test_importing_again_corrects_a_territory_guessed_otherwise_before(export_rows):
    fieldnames, rows = export_rows
    row = next(
        row
        for row in rows
        if row["Financeurs"].startswith("Établissement public foncier local de l'Oise")
    )
    imported(row).departments.set(["60"])  # what an earlier version of the import guessed

    report = import_aides_territoires(write_csv(fieldnames, [row]))

    assert (report.updated, report.unchanged) == (1, 0)
    assert territory(imported(row)) == (False, set(), {"60", "02"})


def test_a_region_named_beside_a_homonym_department_gives_the_region_only(export_rows):
    _, rows = export_rows
    aids = aids_financed_only_by(rows, "Alliance Intermétropolitaine Loire Bretagne")
    assert len(aids) == 1
    assert territory(aids[0]) == (False, {"53"}, set())  # not the Loire department (42)


def test_the_command_prints_its_report_in_french(export_rows, tmp_path):
    fieldnames, rows = export_rows
    rows = [dict(row) for row in rows[:6]]
    rows[2]["Récurrence"] = "Hebdomadaire"
    rows[4]["Descriptif"] += " Mis à jour."
    path = tmp_path / "export.csv"
    path.write_text(write_csv(fieldnames, rows), encoding="utf-8")
    out = io.StringIO()

    call_command("import_aides_territoires", str(path), stdout=out)

    published = sum("Associations" in row["Bénéficiaire"].split(";") for row in rows[:2] + rows[3:])
    assert out.getvalue().splitlines() == [
        f"5 aides importées (0 créées, 1 mises à jour, 4 inchangées), dont {published} publiées.",
        "Ligne 4 ignorée : récurrence inconnue « Hebdomadaire ».",
    ]


def test_the_command_refuses_a_file_with_another_header_in_french(tmp_path):
    path = tmp_path / "autre.csv"
    path.write_text("Titre,Adresse\nAide,https://exemple.fr\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_aides_territoires", str(path), stdout=io.StringIO())
    assert str(error.value) == (
        "Ce fichier n'est pas un export Aides-territoires : colonnes manquantes Nom, Lien, "
        "Financeurs, Bénéficiaire, Types d'aides, Récurrence"
    )


def test_the_command_refuses_a_file_it_cannot_read(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("Nom,Lien\nAide à l'été,x\n".encode("latin-1"))
    with pytest.raises(CommandError) as error:
        call_command("import_aides_territoires", str(path), stdout=io.StringIO())
    assert str(error.value).startswith(f"Lecture impossible de {path}")


# --- Admin upload -----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, login):
    return login(UserFactory(admin=True))


def upload(client, content, name="export.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content, "text/csv")})


def file_error(response):
    """The error Django's admin form shows with the file field (linked to it for screen readers)."""
    html = response.content.decode()
    assert 'aria-describedby="id_file_error"' in html
    start = html.index('id="id_file_error"')
    return text_of(html[start : html.index("</ul>", start)].split(">", 1)[1])


def test_admin_import_page_is_reserved_to_admins(client, login):
    assert client.get(IMPORT_URL).status_code == 302
    login(UserFactory())
    assert client.get(IMPORT_URL).status_code == 302


def test_admin_uploads_the_export_and_reads_the_report(admin_client):
    assert admin_client.get(IMPORT_URL).status_code == 200

    response = upload(admin_client, CSV_FILE.read_bytes())

    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert "274 aides importées (0 créées, 0 mises à jour, 274 inchangées)" in page
    assert "0 créées, 0 mises à jour, 274 inchangées, 41 publiées" in page


def test_admin_upload_lists_ignored_lines(admin_client, export_rows):
    fieldnames, rows = export_rows
    rows = [dict(row) for row in rows[:4]]
    rows[1]["Nom"] = ""

    response = upload(admin_client, write_csv(fieldnames, rows).encode())

    page = text_of(response.content.decode())
    assert "3 aides importées" in page
    assert "Ligne 3 : le nom de l'aide est vide" in page


def test_admin_upload_refuses_a_binary_file(admin_client):
    response = upload(admin_client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "x.csv")
    assert response.status_code == 200
    assert file_error(response) == "Ce fichier n'est pas un fichier texte CSV."


def test_admin_upload_refuses_a_file_not_in_utf8(admin_client):
    latin1 = CSV_FILE.read_text("utf-8").encode("latin-1", "replace")
    updated_at = set(Aid.objects.values_list("updated_at", flat=True))

    response = upload(admin_client, latin1)

    assert file_error(response) == "Le fichier doit être encodé en UTF-8."
    assert set(Aid.objects.values_list("updated_at", flat=True)) == updated_at


def test_admin_upload_refuses_a_file_over_5_mb(admin_client):
    content = CSV_FILE.read_bytes()
    content += b"x" * (MAX_IMPORT_BYTES + 1 - len(content))
    response = upload(admin_client, content)
    assert file_error(response) == "Le fichier dépasse 5 Mo."


def test_admin_upload_refuses_a_file_with_another_header(admin_client):
    response = upload(admin_client, b"Titre;Adresse\nAide;https://exemple.fr\n")
    assert file_error(response) == (
        "Ce fichier n'est pas un export Aides-territoires : colonnes manquantes Nom, Lien, "
        "Financeurs, Bénéficiaire, Types d'aides, Récurrence."
    )


def test_a_financer_known_from_the_seeds_under_another_case_is_not_duplicated(export_rows):
    _, rows = export_rows
    financed = [row for row in rows if "Banque des Territoires" in row["Financeurs"].split(";")]
    assert financed

    providers = Organization.objects.filter(name__iexact="banque des territoires")
    assert [provider.name for provider in providers] == ["Banque des territoires"]  # the seed's
    aids = set(providers.get().aids.values_list("slug", flat=True))
    assert {imported(row).slug for row in financed} <= aids
    assert "dla" in aids  # a seed scheme it co-funds, linked to the same organisation


def test_one_financer_spelled_two_ways_in_a_file_is_one_provider(export_rows):
    fieldnames, rows = export_rows
    rows = [dict(row) for row in rows[:2]]
    rows[0]["Financeurs"] = "Fondation Épsilon d'essai"
    rows[1]["Financeurs"] = "FONDATION EPSILON D'ESSAI"

    report = import_aides_territoires(write_csv(fieldnames, rows))

    assert report.errors == []
    providers = Organization.objects.filter(name__icontains="psilon d'essai")
    assert [provider.name for provider in providers] == ["Fondation Épsilon d'essai"]
    assert {aid.pk for aid in providers.get().aids.all()} == {imported(row).pk for row in rows}
