"""The granted subsidies as SCDL « Subventions » 2.1.1: a file anyone downloads, valid against the
official schema (frictionless), with the model's own checks (SIRET keys, one beneficiary id)."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from frictionless import Resource, Schema

from aidess.aids.enums import AidKind
from aidess.applications.enums import ApplicationStatus
from aidess.opendata import scdl
from tests.factories import AidFactory, ApplicationFactory, StructureFactory
from tests.opendata.factories import granted, provider, siret

pytestmark = pytest.mark.django_db
URL = "/api/v1/open-data/scdl-subventions.csv"
D = datetime.date


@pytest.fixture(autouse=True)
def csv_field_size_limit_kept():
    """frictionless's CSV parser raises the `csv` module's process-wide field size limit when it
    is first used: put it back, the aids importer (and its tests) rely on the default."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


def download(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content).decode("utf-8")


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def schema_errors(text, tmp_path):
    """Every error frictionless finds against the official schema, plus the model's
    `custom_checks` it does not run: valid SIRET keys, `idBeneficiaire` or `rnaBeneficiaire`."""
    path = tmp_path / "subventions.csv"
    path.write_text(text, encoding="utf-8")
    schema = Schema.from_descriptor(json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8")))
    report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
    problems = [*report.errors, *(error for task in report.tasks for error in task.errors)]
    found = [f"{error.type}: {error.message}" for error in problems]
    for row in rows_of(text):
        for column in ("idAttribuant", "idBeneficiaire"):
            if row[column] and not scdl.is_siret(row[column]):
                found.append(f"{column} {row[column]}: clé SIRET fausse")
        if not (row["idBeneficiaire"] or row["rnaBeneficiaire"]):
            found.append(f"{row['referenceDecision']}: ni SIRET ni RNA")
    return found + ([] if report.valid or found else ["invalide"])


def test_the_schema_is_the_official_one_copied_into_the_project():
    import hashlib

    content = scdl.SCHEMA_PATH.read_bytes()
    assert hashlib.md5(content).hexdigest() == "1d23671bc19d37a10c75169896ac4c24"  # noqa: S324
    schema = Schema.from_descriptor(json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8")))
    assert [field.name for field in schema.fields] == scdl.FIELDS


def test_every_demo_like_case_gives_a_valid_row_and_the_unpublishable_are_left_out(
    client, tmp_path
):
    aid = AidFactory(
        name="Fonds d'amorçage des tiers-lieux", apply_in_aidess=True, providers=[provider()]
    )
    staggered = granted(
        "15000.50",
        D(2026, 2, 10),
        payments=[(D(2026, 3, 1), "7500.25"), (D(2026, 9, 1), "7500.25")],
        aid=aid,
    )
    once = granted("8000", D(2026, 3, 5), payments=[(D(2026, 4, 2), "8000")], aid=aid)
    waiting = granted("5000", D(2026, 4, 1), aid=aid, project_end=D(2026, 12, 31))
    by_rna = granted(
        "3000", D(2026, 4, 2), aid=aid, structure=StructureFactory(rna_number="W595012345")
    )
    support = granted(
        "2500", D(2026, 4, 3), aid=AidFactory(kind=AidKind.SUPPORT, providers=[provider()])
    )
    untitled = granted("900", D(2026, 4, 4), aid=aid, project_title="")
    # Left out: a provider without SIRET (the schema requires `idAttribuant`), a structure with
    # neither SIRET nor RNA, a loan (not a subsidy), a refusal, an application still open.
    no_siret_provider = granted(
        aid=AidFactory(apply_in_aidess=True, providers=[provider(with_siret=False)])
    )
    granted(structure=StructureFactory(siret=None, rna_number=""))
    granted(aid=AidFactory(kind=AidKind.LOAN, providers=[provider()]))
    ApplicationFactory(aid=aid, status=ApplicationStatus.REFUSED)
    ApplicationFactory(aid=aid, status=ApplicationStatus.INSTRUCTION)

    text = download(client)
    assert schema_errors(text, tmp_path) == []
    rows = {row["referenceDecision"]: row for row in rows_of(text)}
    assert set(rows) == {
        app.reference for app in (staggered, once, waiting, by_rna, support, untitled)
    }
    assert no_siret_provider.reference not in text

    row = rows[staggered.reference]
    organization = aid.providers.get()
    assert (row["nomAttribuant"], row["idAttribuant"]) == (organization.name, organization.siret)
    assert row["dateConvention"] == "2026-02-10"
    assert row["nomBeneficiaire"] == staggered.structure.name
    assert row["idBeneficiaire"] == staggered.structure.siret
    assert row["objet"] == staggered.project_title
    assert row["montant"] == "15000.50"
    assert row["nature"] == "aide en numéraire"
    assert row["conditionsVersement"] == "échelonné"
    assert row["datesPeriodeVersement"] == "2026-03-01/2026-09-01"
    assert (row["idRAE"], row["notificationUE"], row["pourcentageSubvention"]) == (
        "",
        "non",
        "1.00",
    )
    assert row["dispositifAide"] == "Fonds d'amorçage des tiers-lieux"

    assert rows[once.reference]["conditionsVersement"] == "unique"
    assert rows[once.reference]["datesPeriodeVersement"] == "2026-04-02"
    assert rows[waiting.reference]["datesPeriodeVersement"] == "2026-04-01/2026-12-31"
    assert rows[by_rna.reference]["idBeneficiaire"] == ""
    assert rows[by_rna.reference]["rnaBeneficiaire"] == "W595012345"
    assert rows[support.reference]["nature"] == "aide en nature"
    assert rows[support.reference]["dispositifAide"] == support.aid.name
    assert rows[untitled.reference]["objet"] == aid.name
    assert all(row["dispositifAide"] for row in rows.values())

    reasons = scdl.unpublished_reasons(scdl.granted())
    assert reasons["aucun porteur de l'aide n'a de SIRET valide"] == 1
    assert reasons["structure sans SIRET ni numéro RNA"] == 1


def test_the_validation_would_catch_a_wrong_row(client, tmp_path):
    application = granted("1200", D(2026, 5, 1))
    text = download(client)
    assert schema_errors(text, tmp_path) == []
    broken = text.replace("aide en numéraire", "prêt d'honneur").replace(
        application.aid.providers.get().siret, "12345678901234"
    )
    errors = schema_errors(broken, tmp_path)
    assert any("constraint-error" in error and "nature" in error for error in errors), errors
    assert any("clé SIRET fausse" in error for error in errors), errors


def test_a_siret_with_a_wrong_key_is_not_published_as_one(client, tmp_path):
    wrong = siret()[:-1] + str((int(siret()[-1]) + 1) % 10)
    assert not scdl.is_siret(wrong)
    with_rna = granted(structure=StructureFactory(siret=wrong, rna_number="W123456789"))
    without_rna = granted(structure=StructureFactory(siret="00000000000001"))
    text = download(client)
    assert schema_errors(text, tmp_path) == []
    rows = {row["referenceDecision"]: row for row in rows_of(text)}
    assert rows[with_rna.reference]["idBeneficiaire"] == ""
    assert without_rna.reference not in rows
    assert scdl.is_siret("35600000000001") and not scdl.is_siret(
        "35600000000002"
    )  # La Poste's establishments follow their own key


def test_filters_by_aid_and_decision_dates(client):
    aid = AidFactory(slug="fonds-tiers-lieux", apply_in_aidess=True, providers=[provider()])
    january = granted(day=D(2026, 1, 15), aid=aid)
    june = granted(day=D(2026, 6, 15), aid=aid)
    other = granted(day=D(2026, 6, 15))
    assert {row["referenceDecision"] for row in rows_of(download(client, aid=aid.slug))} == {
        january.reference,
        june.reference,
    }
    picked = rows_of(download(client, **{"from": "2026-06-01", "to": "2026-06-30"}))
    assert {row["referenceDecision"] for row in picked} == {june.reference, other.reference}
    assert rows_of(download(client, aid=aid.slug, to="2026-01-15"))[0]["montant"] == "12000.00"


@pytest.mark.parametrize(
    ("params", "status", "expected"),
    [
        ({"aid": "inconnue"}, 404, "Aucune aide n'a l'identifiant « inconnue »."),
        ({"from": "2026-13-01"}, 400, None),
        ({"from": "2026-06-01", "to": "2026-01-01"}, 400, "Paramètres invalides."),
    ],
)
def test_bad_parameters_are_answered_in_french_json(client, params, status, expected):
    response = client.get(URL, params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if expected:
        assert body["error"] == expected
    if status == 400:
        assert body.get("details"), body


def test_a_cell_a_spreadsheet_would_run_is_neutralised(client):
    granted(structure=StructureFactory(siret=siret(), name='=HYPERLINK("http://x")'))
    text = download(client)
    assert "'=HYPERLINK" in text
    assert Decimal(rows_of(text)[0]["montant"]) == Decimal("12000.00")


def test_the_header_alone_when_nothing_was_granted(client):
    text = download(client, **{"from": "2099-01-01"})
    assert text == ",".join(scdl.FIELDS) + "\r\n"
    assert re.fullmatch(r"[A-Za-z,]+\r\n", text)
