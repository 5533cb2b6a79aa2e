"""import_subsidies: SCDL rows become granted decisions, every rejected row with its reason."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError

from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.demo.generation import make_siret
from aidess.history.models import AuditEntry
from aidess.lifecycles.models import TransitionLog
from aidess.opendata.scdl import FIELDS
from aidess.reviews.models import ImportedDecision
from tests.reviews.helpers import (
    import_structures,
    import_subsidies,
    run,
    structure_row,
    subsidy_row,
    write_csv,
)

pytestmark = pytest.mark.django_db
SIRET, OTHER = make_siret(7_000_001), make_siret(7_000_002)


@pytest.fixture
def structures(tmp_path):
    import_structures(tmp_path, [structure_row(SIRET), structure_row(OTHER)], name="s.csv")


def imported():
    return Application.objects.filter(imported_decision__isnull=False)


def test_a_row_becomes_an_accepted_application_with_its_amount_and_day(tmp_path, structures):
    report = import_subsidies(tmp_path, [subsidy_row(SIRET, montant="5000.50")])

    assert report.startswith("1 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s).")
    application = imported().get()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.aid.slug == "dsess"
    assert application.structure.siret == SIRET
    assert application.amount_granted_eur == Decimal("5000.50")
    assert application.decided_at.date() == datetime.date(2020, 6, 15)
    assert application.imported_decision.key == f"{make_siret(9_000_001)}:DSESS-{SIRET}"
    assert application.imported_decision.source == "subventions.csv"
    log = TransitionLog.objects.get(object_id=application.pk, transition="accept")
    assert log.to_state == ApplicationStatus.ACCEPTED
    assert "Décision importée (France Active" in log.comment


def test_the_aid_may_be_named_by_its_exact_name(tmp_path, structures):
    name = Aid.objects.get(slug="dsess").name
    import_subsidies(tmp_path, [subsidy_row(SIRET, dispositifAide=name)])

    assert imported().get().aid.slug == "dsess"


def test_a_second_run_of_the_same_file_changes_nothing(tmp_path, structures):
    rows = [subsidy_row(SIRET), subsidy_row(OTHER, referenceDecision="")]
    import_subsidies(tmp_path, rows)
    before = list(imported().values("pk", "updated_at"))

    report = import_subsidies(tmp_path, rows)

    assert report.startswith("0 créé(s), 0 mis à jour, 2 inchangé(s), 0 rejeté(s).")
    assert list(imported().values("pk", "updated_at")) == before
    keys = set(ImportedDecision.objects.values_list("key", flat=True))
    assert f"{make_siret(9_000_001)}:{OTHER}:2020-06-15:5000.00" in keys  # without a reference


def test_a_decision_found_again_by_its_reference_is_updated(tmp_path, structures):
    import_subsidies(tmp_path, [subsidy_row(SIRET)])

    report = import_subsidies(tmp_path, [subsidy_row(SIRET, montant="4000")])

    assert report.startswith("0 créé(s), 1 mis à jour, 0 inchangé(s), 0 rejeté(s).")
    assert imported().get().amount_granted_eur == Decimal("4000.00")


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"nomAttribuant": ""}, "nomAttribuant obligatoire"),
        ({"idAttribuant": "123"}, "idAttribuant « 123 » n'a pas le format attendu"),
        (
            {"idAttribuant": "12345678901234"},
            "idAttribuant « 12345678901234 » : clé de contrôle du SIRET invalide",
        ),
        ({"dateConvention": "15/06/2020"}, "dateConvention « 15/06/2020 » n'est pas une date"),
        ({"montant": "5 000,00"}, "montant « 5 000,00 » n'est pas un nombre"),
        ({"nature": "prêt"}, "nature « prêt » n'est pas une valeur permise"),
        ({"datesPeriodeVersement": "juin"}, "datesPeriodeVersement « juin » n'a pas le format"),
        ({"notificationUE": "peut-être"}, "notificationUE « peut-être » doit valoir oui ou non"),
        ({"pourcentageSubvention": "2"}, "pourcentageSubvention doit être au plus 1"),
        ({"objet": "x" * 257}, "objet dépasse 256 caractères"),
        ({"rnaBeneficiaire": "123"}, "rnaBeneficiaire « 123 » n'a pas le format attendu"),
        ({"idBeneficiaire": ""}, "idBeneficiaire manquant"),
        (
            {"idBeneficiaire": "12345678901234"},
            "idBeneficiaire « 12345678901234 » : SIRET invalide",
        ),
        (
            {"idBeneficiaire": make_siret(7_000_099)},
            f"aucune structure de SIRET {make_siret(7_000_099)}",
        ),
        ({"dispositifAide": ""}, "dispositifAide manquant"),
        ({"dispositifAide": "inconnue"}, "aide « inconnue » inconnue (slug ou nom)"),
    ],
)
def test_each_rejected_row_is_reported_with_its_line_and_reason(
    tmp_path, structures, values, reason
):
    rows = [subsidy_row(SIRET), subsidy_row(OTHER, **values)]

    report = import_subsidies(tmp_path, rows)

    assert report.startswith("1 créé(s), 0 mis à jour, 0 inchangé(s), 1 rejeté(s).")
    assert f"Ligne 3 rejetée : {reason}" in report
    assert imported().count() == 1


def test_a_decision_twice_in_the_file_and_a_short_row_are_rejected(tmp_path, structures):
    report = import_subsidies(tmp_path, [subsidy_row(SIRET), subsidy_row(SIRET), ["ANTIBES"]])

    assert "Ligne 3 rejetée : décision déjà présente plus haut dans le fichier." in report
    assert "Ligne 4 rejetée : nombre de colonnes différent de l'en-tête." in report
    assert imported().count() == 1


def test_a_file_missing_columns_imports_nothing(tmp_path, structures):
    header = [name for name in FIELDS if name != "montant"]
    row = [
        value for name, value in zip(FIELDS, subsidy_row(SIRET), strict=True) if name != "montant"
    ]
    path = write_csv(tmp_path / "sub.csv", header, [row])

    with pytest.raises(CommandError, match="colonnes manquantes : montant"):
        run("import_subsidies", str(path))
    assert not imported().exists()


def test_the_reference_example_of_the_schema_is_read(tmp_path, structures):
    """The SCDL's valid example passes the schema's checks; it names no aid: all rejected."""
    example = Path("/work/shared/reference/scdl-subventions/exemple-valide.csv")
    if not example.exists():
        pytest.skip("the SCDL reference folder is not on this machine")
    report = run("import_subsidies", str(example))

    assert report.startswith("0 créé(s), 0 mis à jour, 0 inchangé(s), 29 rejeté(s).")
    assert report.count("dispositifAide manquant") == 28
    assert "Ligne 3 rejetée : idBeneficiaire manquant" in report  # an RNA number only


def test_the_structures_history_lists_the_imported_decision(tmp_path, structures):
    import_subsidies(tmp_path, [subsidy_row(SIRET)])

    structure_id = imported().get().structure_id
    details = AuditEntry.objects.filter(structure_id=structure_id, origin="command")
    assert "import_subsidies" in set(details.values_list("origin_detail", flat=True))
