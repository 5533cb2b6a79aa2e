import pytest
from django.core.management import call_command
from django.db.models import F

from aidess.nomenclatures.models import LegalCategory, NafActivity
from aidess.territories.models import Commune, Department, Epci, Region
from aidess.territories.search import resolve

pytestmark = pytest.mark.django_db

# communes.csv has 37 530 rows but 36 946 INSEE codes: 584 communes nouvelles share their code with
# their delegated commune chef-lieu (Annecy 74010, Cherbourg-en-Cotentin 50129…); one row per code.
COUNTS = {Region: 18, Department: 101, Epci: 1253, Commune: 36946}


def counts():
    return {model: model.objects.count() for model in COUNTS}


def test_reference_data_is_all_there():
    assert counts() == COUNTS
    assert LegalCategory.objects.count() == 260
    assert NafActivity.objects.count() == 732
    assert NafActivity.objects.get(code="90.01Z").label == "Arts du spectacle vivant"
    assert LegalCategory.objects.get(code="9220").label == "Association déclarée"


def test_loading_again_changes_nothing_and_repairs_edits(capsys):
    lille = Commune.objects.get(code="59350")
    Commune.objects.filter(code="59350").update(
        name="Lille-modifiée", search_name="x", population=1
    )
    Region.objects.filter(code="32").update(name="Nord")

    call_command("load_reference_data")

    assert counts() == COUNTS
    restored = Commune.objects.get(code="59350")
    assert (restored.name, restored.search_name, restored.population) == (
        "Lille",
        "lille",
        lille.population,
    )
    assert Region.objects.get(code="32").name == "Hauts-de-France"
    assert resolve("Lille").code == "59350"
    assert "Données de référence à jour : 18 régions, 101 départements" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("code", "department", "region", "parent"),
    [
        ("75113", "75", "11", "75056"),
        ("13201", "13", "93", "13055"),
        ("69381", "69", "84", "69123"),
    ],
)
def test_municipal_districts_take_department_and_region_of_their_city(
    code, department, region, parent
):
    district = Commune.objects.get(code=code)
    assert district.kind == Commune.Kind.MUNICIPAL_DISTRICT
    assert (district.department_id, district.region_id, district.parent_id) == (
        department,
        region,
        parent,
    )
    assert district.epci_id == Commune.objects.get(code=parent).epci_id
    assert district in Commune.objects.selectable()


@pytest.mark.parametrize(
    ("code", "name", "department"),
    [
        ("74010", "Annecy", "74"),
        ("50129", "Cherbourg-en-Cotentin", "50"),
        ("01033", "Valserhône", "01"),
    ],
)
def test_commune_nouvelle_is_not_hidden_by_its_delegated_commune(code, name, department):
    commune = Commune.objects.get(code=code)
    assert (commune.name, commune.kind, commune.department_id) == (
        name,
        Commune.Kind.COMMUNE,
        department,
    )
    assert resolve(name) == commune


def test_every_selectable_commune_has_a_department_and_region():
    selectable = Commune.objects.selectable()
    assert selectable.count() == 34875 + 45
    assert not selectable.filter(department__isnull=True).exists()
    assert not selectable.filter(region__isnull=True).exists()
    mismatched = selectable.exclude(department__region=F("region"))
    assert not mismatched.exists()
