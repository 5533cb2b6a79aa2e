"""Partners' indicators: one dated value per known structure, traced to its file and row; the
same file again changes nothing; each refusal says why; the risk level reads them."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aidess.watch.enums import IndicatorKind
from aidess.watch.intake.indicators import import_indicators
from aidess.watch.models import ImportBatch, Indicator, StructureRisk
from tests.factories import StructureFactory
from tests.watch.intake_helpers import (
    ANGERS_SIRET,
    NOWHERE_SIRET,
    csv_bytes,
    regional_membership,
    structure_in_bordeaux,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db
URSSAF = IndicatorKind.SOCIAL_DEBT_MONTHS


@pytest.fixture
def regional():
    return regional_membership()


@pytest.fixture
def bordeaux():
    return structure_in_bordeaux()


def run(membership, rows, kind=URSSAF, name="urssaf-2026-10.csv"):
    content = csv_bytes([["SIRET", "Valeur", "Date"], *rows])
    return import_indicators(
        membership.organization, membership.user, kind, "URSSAF", name, content
    )


def test_values_are_stored_per_structure_and_date_traced_to_their_file(
    regional, bordeaux, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = run(
            regional,
            [[bordeaux.siret, "2,5", "31/10/2026"], [bordeaux.siret, "3", "2026-11-30"]],
        )

    assert (batch.kind, batch.rows_created, batch.rows_refused) == ("indicators", 2, 0)
    values = Indicator.objects.filter(structure=bordeaux).order_by("observed_on")
    assert [(v.value, v.observed_on, v.batch, v.row_number) for v in values] == [
        (Decimal("2.50"), datetime.date(2026, 10, 31), batch, 2),
        (Decimal("3.00"), datetime.date(2026, 11, 30), batch, 3),
    ]
    assert batch.report[0]["message"] == "Ressourcerie de Bordeaux : 2,50 au 31/10/2026."
    # the latest social debt (3 months) is a high factor of the risk level
    risk = StructureRisk.objects.get(structure=bordeaux)
    assert risk.level == "orange"
    assert "3" in risk.factors[0]["reason"]


def test_the_same_file_again_changes_nothing_and_a_different_value_is_refused(regional, bordeaux):
    run(regional, [[bordeaux.siret, "2,5", "31/10/2026"]])
    again = run(regional, [[bordeaux.siret, "2.50", "31/10/2026"]], name="again.csv")
    changed = run(regional, [[bordeaux.siret, "4", "31/10/2026"]], name="changed.csv")

    assert (again.rows_created, again.rows_unchanged) == (0, 1)
    assert again.report[0]["message"] == "Déjà importée (urssaf-2026-10.csv, ligne 2)."
    assert changed.report[0]["outcome"] == "refused"
    assert changed.report[0]["message"] == (
        "Une autre valeur (2,50) est déjà enregistrée au 31/10/2026 pour cette structure "
        "(urssaf-2026-10.csv, ligne 2)."
    )
    assert Indicator.objects.get().value == Decimal("2.50")


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ([NOWHERE_SIRET, "1", "31/10/2026"], "Structure inconnue d'AidESS : les indicateurs"),
        ([ANGERS_SIRET, "1", "31/10/2026"], "hors du territoire de la cellule (département 49)"),
        (["123", "1", "31/10/2026"], "14 chiffres attendus"),
        (["BORDEAUX", "", "31/10/2026"], "Valeur manquante."),
        (["BORDEAUX", "deux", "31/10/2026"], "Valeur « deux » : nombre attendu."),
        (["BORDEAUX", "-1", "31/10/2026"], "nombre positif attendu"),
        (["BORDEAUX", "1", ""], "Date manquante."),
        (["BORDEAUX", "1", "octobre"], "date attendue"),
    ],
)
def test_every_refusal_says_why(regional, bordeaux, cells, reason):
    StructureFactory(siret=ANGERS_SIRET, commune_id="49007")
    cells = [bordeaux.siret if cell == "BORDEAUX" else cell for cell in cells]

    batch = run(regional, [cells])

    assert batch.rows_refused == 1
    assert reason in batch.report[0]["message"]
    assert not Indicator.objects.exists()


def test_payment_incidents_are_counts_and_funding_decisions_may_be_cuts(regional, bordeaux):
    incidents = run(
        regional,
        [[bordeaux.siret, "1,5", "31/10/2026"], [bordeaux.siret, "2", "30/11/2026"]],
        kind=IndicatorKind.PAYMENT_INCIDENTS,
    )
    funding = import_indicators(
        regional.organization,
        regional.user,
        IndicatorKind.FUNDING_DECISION_EUR,
        "Région Nouvelle-Aquitaine",
        "decisions.xlsx",
        xlsx_bytes(
            [["SIRET", "Montant", "Date"], [bordeaux.siret, -15000, datetime.date(2026, 9, 1)]]
        ),
    )

    assert incidents.report[0]["message"] == "Valeur « 1,5 » : 0 décimale(s) au plus."
    assert incidents.rows_created == 1
    assert funding.rows_created == 1, funding.report
    assert Indicator.objects.get(kind=IndicatorKind.FUNDING_DECISION_EUR).value == Decimal(
        "-15000.00"
    )


def test_the_upload_page_names_the_partner_from_the_kind(regional, bordeaux, login):
    client = login(regional.user)
    content = csv_bytes([["SIRET", "Valeur", "Date"], [bordeaux.siret, "2", "31/10/2026"]])

    response = client.post(
        "/veille/imports/indicateurs/",
        {
            "kind": "payment_incidents",
            "partner": "",
            "file": SimpleUploadedFile("bdf.csv", content),
        },
    )

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.partner == "Banque de France"
    page = client.get(f"/veille/imports/{batch.pk}/").content.decode()
    assert "Indicateurs envoyés par Banque de France" in page
