"""import_structures: created or updated by SIRET, every rejected row with its reason."""

from decimal import Decimal

import pytest
from django.core.management import CommandError

from aidess.demo.generation import make_siret
from aidess.history.models import AuditEntry
from aidess.reviews.imports import STRUCTURE_HEADER
from aidess.structures.models import Structure
from tests.reviews.helpers import import_structures, run, structure_row, write_csv

pytestmark = pytest.mark.django_db
SIRET = make_siret(6_000_001)


def test_creates_a_structure_with_its_commune_region_and_figures(tmp_path):
    report = import_structures(tmp_path, [structure_row(SIRET, nom="Compagnie Fée d'hiver")])

    assert report.startswith("1 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s).")
    structure = Structure.objects.get(siret=SIRET)
    assert structure.name == "Compagnie Fée d'hiver"
    assert (structure.department_id, structure.region_id) == ("23", "75")
    assert structure.legal_form == "association"
    assert structure.sector == "culture"
    assert structure.employees_fte == Decimal("2.00")
    assert structure.annual_budget_eur == Decimal("45000.00")


def test_a_second_run_of_the_same_file_changes_nothing(tmp_path):
    rows = [structure_row(SIRET), structure_row(make_siret(6_000_002), etp="", budget_annuel="")]
    import_structures(tmp_path, rows)
    before = list(Structure.objects.filter(siret__in=[SIRET]).values("updated_at", "version"))

    report = import_structures(tmp_path, rows)

    assert report.startswith("0 créé(s), 0 mis à jour, 2 inchangé(s), 0 rejeté(s).")
    after = list(Structure.objects.filter(siret__in=[SIRET]).values("updated_at", "version"))
    assert after == before


def test_a_changed_row_updates_the_structure(tmp_path):
    import_structures(tmp_path, [structure_row(SIRET)])

    report = import_structures(tmp_path, [structure_row(SIRET, etp="2.5", secteur="environment")])

    assert report.startswith("0 créé(s), 1 mis à jour, 0 inchangé(s), 0 rejeté(s).")
    structure = Structure.objects.get(siret=SIRET)
    assert (structure.employees_fte, structure.sector) == (Decimal("2.50"), "environment")


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"siret": "12345678901234"}, "SIRET « 12345678901234 » invalide"),
        ({"siret": "1234"}, "SIRET « 1234 » invalide"),
        ({"nom": ""}, "nom manquant"),
        ({"code_commune": "99999"}, "code commune « 99999 » inconnu"),
        ({"categorie_juridique": "1234"}, "catégorie juridique « 1234 » inconnue"),
        ({"secteur": "culturel"}, "secteur « culturel » inconnu"),
        ({"etp": "2,5"}, "Le nombre d'ETP « 2,5 » n'est pas un nombre décimal avec un point"),
        ({"budget_annuel": "-10"}, "Le budget annuel ne peut pas être négatif"),
    ],
)
def test_each_rejected_row_is_reported_with_its_line_and_reason(tmp_path, values, reason):
    rows = [
        structure_row(SIRET),
        structure_row(values.pop("siret", make_siret(6_000_003)), **values),
    ]

    report = import_structures(tmp_path, rows)

    assert report.startswith("1 créé(s), 0 mis à jour, 0 inchangé(s), 1 rejeté(s).")
    assert f"Ligne 3 rejetée : {reason}" in report
    assert Structure.objects.filter(siret__in=[SIRET, make_siret(6_000_003)]).count() == 1


def test_a_siret_twice_in_the_file_and_a_short_row_are_rejected(tmp_path):
    rows = [structure_row(SIRET), structure_row(SIRET, nom="Doublon"), [SIRET, "Trop court"]]

    report = import_structures(tmp_path, rows)

    assert f"Ligne 3 rejetée : SIRET {SIRET} déjà présent plus haut dans le fichier." in report
    assert "Ligne 4 rejetée : nombre de colonnes différent de 7." in report
    assert Structure.objects.get(siret=SIRET).name == "Association test"


def test_a_wrong_header_imports_nothing(tmp_path):
    path = write_csv(tmp_path / "s.csv", ["siret", "nom"], [[SIRET, "Association"]])

    with pytest.raises(CommandError, match="en-tête attendu : " + ",".join(STRUCTURE_HEADER)):
        run("import_structures", str(path))
    assert not Structure.objects.filter(siret=SIRET).exists()


def test_an_unreadable_file_is_refused_in_french(tmp_path):
    with pytest.raises(CommandError, match="Lecture impossible"):
        run("import_structures", str(tmp_path / "absent.csv"))


def test_the_structures_history_says_the_import_command_made_the_change(tmp_path):
    import_structures(tmp_path, [structure_row(SIRET)])
    import_structures(tmp_path, [structure_row(SIRET, etp="3.00")])

    structure = Structure.objects.get(siret=SIRET)
    entries = AuditEntry.objects.filter(structure_id=structure.pk, origin="command")
    assert set(entries.values_list("origin_detail", flat=True)) == {"import_structures"}
    assert entries.count() == 2  # created, then its FTE changed
