"""impact_review: the review's figures, its JSON shape, its XLSX and PDF, bad arguments."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader

from aidess.aids.models import Aid
from aidess.applications.models import Application, Payment
from aidess.demo.generation import make_siret
from aidess.reviews.review import review
from tests.reviews.helpers import (
    import_structures,
    import_subsidies,
    run,
    structure_row,
    subsidy_row,
)

pytestmark = pytest.mark.django_db
CULTURE, SOCIAL, NORTH = make_siret(8_000_001), make_siret(8_000_002), make_siret(8_000_003)


@pytest.fixture
def decisions(tmp_path):
    """Three structures, four decisions (one structure twice, one in 2021)."""
    import_structures(
        tmp_path,
        [
            structure_row(CULTURE, etp="2.50"),
            structure_row(SOCIAL, secteur="health_social", etp="1.00"),
            # Lille (Hauts-de-France, region 32)
            structure_row(NORTH, secteur="culture", code_commune="59350", etp=""),
        ],
        name="s.csv",
    )
    import_subsidies(
        tmp_path,
        [
            subsidy_row(CULTURE),
            subsidy_row(CULTURE, referenceDecision="second", montant="1000"),
            subsidy_row(SOCIAL),
            subsidy_row(NORTH, dateConvention="2021-03-01"),
        ],
    )


def test_the_json_review_has_the_documented_shape(decisions):
    result = json.loads(run("impact_review", "--aid", "dsess", "--format", "json"))

    assert result == {
        "aid": "dsess",
        "structures": 3,
        "fte": "3.50",  # 2.50 + 1.00 + unknown (0)
        "amount_eur": "16000.00",
        "by_sector": [
            {"sector": "culture", "structures": 2, "fte": "2.50", "share": 0.6667},
            {"sector": "health_social", "structures": 1, "fte": "1.00", "share": 0.3333},
        ],
        "by_region": [
            {"region": "75", "structures": 2, "fte": "3.50"},
            {"region": "32", "structures": 1, "fte": "0.00"},
        ],
    }


def test_a_period_keeps_the_decisions_taken_within_it(decisions):
    output = run("impact_review", "--aid", "dsess", "--from", "2021-01-01", "--to", "2021-12-31")

    result = json.loads(output)
    assert (result["structures"], result["amount_eur"]) == (1, "5000.00")
    assert result["by_region"] == [{"region": "32", "structures": 1, "fte": "0.00"}]


def test_fte_come_from_the_file_snapshot_when_it_gave_them_and_payments_count(decisions):
    application = Application.objects.get(structure__siret=SOCIAL)
    Application.objects.filter(pk=application.pk).update(
        file_snapshot={"human_means": {"employees_fte": "4.25"}}
    )
    Payment.objects.create(
        application=application, paid_on=datetime.date(2020, 7, 1), amount_eur=3000
    )

    result = review(aid=Aid.objects.get(slug="dsess"))

    assert result.fte == Decimal("6.75")  # 2.50 + 4.25 (its file) + 0
    assert result.amount_paid_eur == Decimal("3000.00")


def test_an_aid_without_decisions_has_an_empty_review():
    result = json.loads(run("impact_review", "--aid", "dla"))

    assert result == {
        "aid": "dla",
        "structures": 0,
        "fte": "0.00",
        "amount_eur": "0.00",
        "by_sector": [],
        "by_region": [],
    }


def test_the_xlsx_holds_the_figures_and_codes_as_text(decisions, tmp_path):
    path = tmp_path / "bilan.xlsx"
    output = run("impact_review", "--aid", "dsess", "--format", "xlsx", "--output", str(path))

    assert f"Bilan écrit dans {path}." in output
    book = load_workbook(path)
    summary = {row[0]: row[1] for row in book["Bilan"].iter_rows(values_only=True)}
    assert summary["Structures aidées"] == 3
    assert Decimal(str(summary["ETP préservés"])) == Decimal("3.5")
    assert Decimal(str(summary["Montant accordé (€)"])) == Decimal("16000")
    regions = list(book["Par région"].iter_rows(min_row=2, values_only=True))
    assert regions[0][:3] == ("75", "Nouvelle-Aquitaine", 2)
    sectors = list(book["Par secteur"].iter_rows(min_row=2, values_only=True))
    assert sectors[0][:3] == ("culture", "Culture", 2)


def test_the_pdf_shows_the_figures(decisions, tmp_path):
    path = tmp_path / "bilan.pdf"
    run("impact_review", "--aid", "dsess", "--format", "pdf", "--output", str(path))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Bilan d'impact — Dispositif de secours ESS" in text
    assert "Structures aidées" in text
    assert "16\xa0000" in text or "16 000" in text
    assert "Santé, médico-social" in text
    assert "Hauts-de-France" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--aid", "inconnue"], "Aucune aide d'identifiant « inconnue »."),
        (["--aid", "dsess", "--format", "csv"], "Format « csv » inconnu"),
        (["--aid", "dsess", "--format", "pdf"], "Le format pdf demande un fichier"),
        (["--aid", "dsess", "--from", "2021-13-01"], "--from « 2021-13-01 » : date attendue"),
        (["--aid", "dsess", "--from", "2021-02-01", "--to", "2021-01-01"], "est après"),
        (
            ["--aid", "dsess", "--format", "xlsx", "--output", "/nonexistent/x.xlsx"],
            "Écriture impossible",
        ),
    ],
)
def test_bad_arguments_are_refused_in_french(args, message):
    with pytest.raises(CommandError, match=message):
        run("impact_review", *args)
