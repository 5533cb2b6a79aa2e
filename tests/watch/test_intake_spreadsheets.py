"""A partner's spreadsheet of alerts: valid rows kept, each refusal said in French, re-import
without effect, CSV in either separator and encoding, XLSX, the cell of the structure's region."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.structures.models import Structure
from aidess.watch.enums import AlertCause, AlertSource, Urgency
from aidess.watch.intake.spreadsheets import COLUMNS, import_alerts
from aidess.watch.intake.tables import TableError
from aidess.watch.models import Alert, ImportBatch
from tests.watch.intake_helpers import (
    ANGERS_SIRET,
    NOWHERE_SIRET,
    PAU_SIRET,
    agent,
    csv_bytes,
    regional_membership,
    structure_in_bordeaux,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regional():
    return regional_membership()


@pytest.fixture
def bordeaux_structure():
    return structure_in_bordeaux()


HEADER = [label for label, _, _ in COLUMNS.values()]


def row(siret, cause="Perte d'activité", amount="", jobs="", date="", urgency="", source="",
        description="", confidential="", identifier=""):  # fmt: skip
    return [siret, cause, amount, jobs, date, urgency, source, description, confidential,
            identifier]  # fmt: skip


def run(membership, rows, name="signalements.csv", partner="France Active", **options):
    content = csv_bytes([HEADER, *rows], **options)
    return import_alerts(membership.organization, membership.user, partner, name, content)


def outcomes(batch):
    return [(r["row"], r["outcome"]) for r in batch.report]


def test_valid_rows_are_kept_next_to_refused_ones_and_each_row_says_what_happened(
    regional, bordeaux_structure, sirene_api
):
    batch = run(
        regional,
        [
            row(
                bordeaux_structure.siret,
                "local_funding_cut",
                "45 000,50",
                "3,5",
                "31/03/2027",
                "forte",
                "CRESS",
                "Subvention non renouvelée",
                "oui",
                "FA-1",
            ),  # fmt: skip
            row(ANGERS_SIRET),
            row(PAU_SIRET, "Dettes sociales ou fiscales", urgency="immédiate"),
        ],
    )

    assert outcomes(batch) == [(2, "created"), (3, "refused"), (4, "created")], batch.report
    assert (batch.rows_created, batch.rows_unchanged, batch.rows_refused) == (2, 0, 1)
    assert "hors du territoire de la cellule (département 49)" in batch.report[1]["message"]
    first = Alert.objects.get(structure=bordeaux_structure)
    assert first.cell == regional.organization
    assert first.source == AlertSource.SPREADSHEET
    assert first.cause == AlertCause.LOCAL_FUNDING_CUT
    assert first.amount_at_stake_eur == Decimal("45000.50")
    assert first.jobs_at_risk_fte == Decimal("3.5")
    assert first.cash_runs_out_on == datetime.date(2027, 3, 31)
    assert first.urgency == Urgency.HIGH
    assert first.is_confidential is True
    assert first.created_by == regional.user
    assert first.source_detail == "France Active — signalements.csv, ligne 2 — source : CRESS"
    assert first.external_id == "france-active:FA-1"
    created = Structure.objects.get(siret=PAU_SIRET)  # from the recorded Sirene answer
    assert created.name == "CENTRE SOCIAL 'CAP DE TOUT'"
    assert created.region_id == "75"
    assert Alert.objects.get(structure=created).urgency == Urgency.IMMEDIATE
    assert not Structure.objects.filter(siret=ANGERS_SIRET).exists()


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (row(""), "SIRET manquant."),
        (row("44444444200017"), "clé de contrôle incorrecte"),
        (row("4444"), "14 chiffres attendus"),
        (row("44444444200016", cause=""), "Cause manquante."),
        (row("44444444200016", cause="Tempête"), "Cause « Tempête » inconnue. Valeurs possibles"),
        (row("44444444200016", amount="beaucoup"), "Montant « beaucoup » : nombre attendu."),
        (row("44444444200016", amount="-10"), "Montant « -10 » : nombre positif attendu."),
        (row("44444444200016", amount="10,123"), "2 décimale(s) au plus"),
        (row("44444444200016", jobs="2,25"), "Emplois menacés « 2,25 » : 1 décimale(s) au plus."),
        (row("44444444200016", date="31/02/2027"), "date attendue (JJ/MM/AAAA ou AAAA-MM-JJ)"),
        (row("44444444200016", date="01/01/1900"), "L'année doit être comprise entre 2000"),
        (row("44444444200016", urgency="demain"), "Urgence « demain » inconnue."),
        (row("44444444200016", confidential="peut-être"), "« oui » ou « non » attendu"),
        (row("44444444200016", identifier="x" * 61), "Identifiant partenaire trop long"),
        (row(ANGERS_SIRET), "Structure hors du territoire de la cellule (département 49)."),
        (row(NOWHERE_SIRET), "introuvable dans le répertoire Sirene"),
    ],
)
def test_every_refusal_says_why_in_french(regional, bordeaux_structure, sirene_api, cells, reason):
    batch = run(regional, [cells])

    assert batch.rows_refused == 1
    assert batch.report[0]["outcome"] == "refused"
    assert reason in batch.report[0]["message"]
    assert not Alert.objects.exists()


def test_a_row_is_refused_when_the_sirene_lookup_fails(regional, sirene_api_failing):
    batch = run(regional, [row(PAU_SIRET)])

    assert batch.report[0]["outcome"] == "refused"
    assert batch.report[0]["message"].startswith("Structure inconnue d'AidESS. Le service")
    assert not Structure.objects.filter(siret=PAU_SIRET).exists()


def test_importing_the_same_file_again_creates_nothing_more(regional, bordeaux_structure):
    rows = [
        row(bordeaux_structure.siret, identifier="FA-1"),
        row(bordeaux_structure.siret, "Perte d'activité", "1000"),  # no identifier: its hash
    ]
    first = run(regional, rows)
    again = run(regional, rows)
    retyped = run(regional, [row(bordeaux_structure.siret, "activity_loss", "1 000,00")])

    assert first.rows_created == 2
    assert (again.rows_created, again.rows_unchanged) == (0, 2)
    assert again.report[0]["message"].startswith("Déjà importé : signalement n° ")
    assert retyped.rows_unchanged == 1  # the same values typed differently
    assert Alert.objects.count() == 2
    assert ImportBatch.objects.count() == 3


def test_two_partners_may_use_the_same_identifiers(regional, bordeaux_structure):
    run(regional, [row(bordeaux_structure.siret, identifier="1")], partner="France Active")
    other = run(regional, [row(bordeaux_structure.siret, identifier="1")], partner="URSSAF")

    assert other.rows_created == 1
    assert Alert.objects.count() == 2


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "cp1252"), (",", "utf-8"), (";", "utf-8-sig")]
)
def test_csv_with_either_separator_and_encoding(regional, bordeaux_structure, delimiter, encoding):
    header = ["Numéro SIRET", "Motif", "Montant en jeu (€)", "Urgence", "Description"]
    content = csv_bytes(
        [
            header,
            [
                bordeaux_structure.siret,
                "Baisse ou arrêt d'un financement de l'État",
                "1200",
                "Immédiate (moins de 15 jours)",
                "Trésorerie épuisée",
            ],  # fmt: skip
        ],
        delimiter,
        encoding,
    )

    batch = import_alerts(regional.organization, regional.user, "DREETS", "f.csv", content)

    assert batch.rows_created == 1, batch.report
    alert = Alert.objects.get()
    assert alert.cause == AlertCause.STATE_FUNDING_CUT
    assert alert.urgency == Urgency.IMMEDIATE
    assert alert.description == "Trésorerie épuisée"


def test_xlsx_with_typed_numbers_and_dates(regional, bordeaux_structure):
    content = xlsx_bytes(
        [
            HEADER,
            [
                int(bordeaux_structure.siret),
                "other",
                12500.5,
                2,
                datetime.datetime(2027, 1, 15),
                "faible",
                None,
                "Texte libre",
                False,
                42,
            ],  # fmt: skip
        ]
    )

    batch = import_alerts(regional.organization, regional.user, "Région", "f.xlsx", content)

    assert batch.rows_created == 1, batch.report
    alert = Alert.objects.get()
    assert alert.amount_at_stake_eur == Decimal("12500.50")
    assert alert.jobs_at_risk_fte == Decimal("2.0")
    assert alert.cash_runs_out_on == datetime.date(2027, 1, 15)
    assert alert.external_id == "region:42"
    assert alert.urgency == Urgency.LOW
    assert alert.is_confidential is False


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "f.csv",
            csv_bytes([["SIRET", "Montant"], ["1", "2"]]),
            "Colonne(s) manquante(s) : « Cause »",
        ),
        ("f.csv", b"", "Le fichier est vide"),
        ("f.xlsx", b"PK\x03\x04 not really a zip", "Ce classeur XLSX est illisible."),
        ("f.xls", b"\xd0\xcf\x11\xe0 old excel", "Fichier attendu au format CSV"),
        ("f.csv", b"x" * (2 * 1024 * 1024 + 1), "Le fichier dépasse 2 Mo"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(regional, name, content, message):
    with pytest.raises(TableError) as refusal:
        import_alerts(regional.organization, regional.user, "P", name, content)

    assert message in refusal.value.message
    assert not ImportBatch.objects.exists()


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (17 * 1024 * 1024))
    return buffer.getvalue()


def test_a_workbook_too_big_unpacked_or_too_many_rows_is_refused_before_reading(regional):
    many = csv_bytes([["SIRET", "Cause"], *[["1", "x"]] * 5001])
    for name, content, message in (
        ("bombe.xlsx", zip_bomb(), "Le classeur est trop volumineux une fois décompressé."),
        ("long.csv", many, "Le fichier compte plus de 5000 lignes"),
    ):
        with pytest.raises(TableError) as refusal:
            import_alerts(regional.organization, regional.user, "P", name, content)
        assert refusal.value.message.startswith(message)


def test_unknown_columns_are_reported_and_ignored(regional, bordeaux_structure):
    content = csv_bytes(
        [["SIRET", "Cause", "Couleur"], [bordeaux_structure.siret, "other", "bleu"]]
    )

    batch = import_alerts(regional.organization, regional.user, "P", "f.csv", content)

    assert batch.report[0]["outcome"] == "ignored"
    assert batch.report[0]["message"] == "Colonnes non reconnues, ignorées : « Couleur »."
    assert batch.rows_created == 1


def test_the_national_cell_files_for_the_regional_cell_of_the_structure(
    regional, bordeaux_structure, sirene_api
):
    national = agent()
    batch = import_alerts(
        national.organization,
        national.user,
        "P",
        "f.csv",
        csv_bytes([HEADER, row(bordeaux_structure.siret), row(ANGERS_SIRET)]),
    )

    assert batch.rows_created == 2
    assert Alert.objects.get(structure=bordeaux_structure).cell == regional.organization
    angers = Alert.objects.get(structure__siret=ANGERS_SIRET)
    assert angers.cell == national.organization  # no regional cell in Pays de la Loire


def test_a_regional_cell_of_another_region_is_not_the_owner(bordeaux_structure):
    Organization.objects.create(
        name="Cellule Occitanie", kind=OrganizationKind.WATCH_CELL, scope_level=ScopeLevel.REGIONAL
    ).regions.set(["76"])
    national = agent()

    import_alerts(
        national.organization,
        national.user,
        "P",
        "f.csv",
        csv_bytes([HEADER, row(bordeaux_structure.siret)]),
    )

    assert Alert.objects.get().cell == national.organization


def test_the_templates_have_the_documented_columns(regional, login, sirene_api):
    client = login(regional.user)

    as_csv = client.get("/veille/imports/modele-signalements.csv")
    as_xlsx = client.get("/veille/imports/modele-signalements.xlsx")

    assert as_csv["Content-Disposition"] == 'attachment; filename="modele-signalements.csv"'
    assert as_csv.content.decode("utf-8-sig").splitlines()[0] == ";".join(HEADER)
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    # the example row of the template imports as it is
    batch = import_alerts(regional.organization, regional.user, "P", "m.xlsx", as_xlsx.content)
    assert batch.report[0]["outcome"] == "refused"  # Paris is outside Nouvelle-Aquitaine
    assert "hors du territoire" in batch.report[0]["message"]
