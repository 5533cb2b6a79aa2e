"""The support offers as data·inclusion v1 structures and services: two files anyone downloads,
every item valid against the official JSON schemas (draft 2020-12, formats checked), our
vocabulary translated into theirs."""

import json

import pytest
from jsonschema import Draft202012Validator

from aidess.demo.accounts import create_demo_accounts
from aidess.demo.support_network import MEDIATOR, create_support_network
from aidess.opendata.schemas import SERVICE_SCHEMA_PATH, STRUCTURE_SCHEMA_PATH
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.orientation.models import SupportOffer
from aidess.territories.models import Department
from tests.api.helpers import assert_documented, document

pytestmark = pytest.mark.django_db
STRUCTURES = "/api/v1/open-data/data-inclusion/structures.json"
SERVICES = "/api/v1/open-data/data-inclusion/services.json"


def validator(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors_of(items, path):
    check = validator(path)
    return [f"{item['id']}: {error.message}" for item in items for error in check.iter_errors(item)]


@pytest.fixture
def network():
    create_demo_accounts()
    create_support_network()


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def by_id(items):
    return {item["id"]: item for item in items}


def test_every_structure_and_service_is_valid_against_the_v1_schemas(client, network):
    structures, services = download(client, STRUCTURES), download(client, SERVICES)

    assert errors_of(structures, STRUCTURE_SCHEMA_PATH) == []
    assert errors_of(services, SERVICE_SCHEMA_PATH) == []
    support = Organization.objects.filter(kind=OrganizationKind.SUPPORT)
    assert len(structures) == support.filter(support_offers__isnull=False).distinct().count()
    assert len(services) == SupportOffer.objects.count()
    assert {service["structure_id"] for service in services} == set(by_id(structures))
    assert len(by_id(services)) == len(services)  # ids are unique


def test_the_validator_rejects_what_the_schema_forbids(client, network):
    """The check is real: a value outside their vocabulary, a missing required field fail."""
    service = download(client, SERVICES)[0]
    wrong = {**service, "frais": "adhesion", "thematiques": ["tresorerie"]}
    del wrong["date_maj"]

    found = errors_of([wrong], SERVICE_SCHEMA_PATH)

    assert len(found) == 3, found


def test_a_departmental_dla_a_regional_offer_and_a_national_one_say_where_they_apply(
    client, network
):
    services = download(client, SERVICES)
    structures = by_id(download(client, STRUCTURES))
    named = {}
    for service in services:
        named.setdefault((structures[service["structure_id"]]["nom"], service["nom"]), service)

    creuse = named["DLA de la Creuse", "Dispositif local d'accompagnement (DLA)"]
    assert creuse["zone_eligibilite"] == ["23"]
    assert creuse["type"] == "accompagnement"
    assert creuse["frais"] == "gratuit"
    assert "trouver-un-emploi--maintien-dans-lemploi" in creuse["thematiques"]
    assert creuse["lien_mobilisation"].endswith("/aides/dla/")

    loan = named["France Active Nouvelle-Aquitaine", "Prêt relais solidaire"]
    aquitaine = sorted(Department.objects.filter(region_id="75").values_list("code", flat=True))
    assert loan["zone_eligibilite"] == aquitaine  # a region is listed as its departments
    assert loan["type"] == "aide-financiere"
    assert loan["frais"] is None  # the sources do not say
    assert structures[loan["structure_id"]]["reseaux_porteurs"] == ["france-active"]

    mediation = named[MEDIATOR, "Médiateur des entreprises"]
    assert mediation["zone_eligibilite"] == ["france"]
    assert mediation["lien_mobilisation"] == "https://www.mediateur-des-entreprises.fr/"
    assert "prendre-en-compte-une-problematique-judiciaire" in " ".join(mediation["thematiques"])
    assert mediation["publics"] is None
    assert mediation["publics_precisions"].startswith("Structures de l'économie sociale")


def test_inactive_offers_and_organisations_are_left_out(client, network):
    creuse = Organization.objects.get(name="DLA de la Creuse")
    SupportOffer.objects.filter(organization=creuse, scheme__slug="dla").update(is_active=False)
    mediator = Organization.objects.get(name=MEDIATOR)
    mediator.is_active = False
    mediator.save()

    structures = by_id(download(client, STRUCTURES))
    services = download(client, SERVICES)

    assert f"aidess--organisation-{mediator.pk}" not in structures
    creuse_services = [s["nom"] for s in services if s["structure_id"].endswith(f"-{creuse.pk}")]
    assert creuse_services == ["DLA restructuration"]
    assert errors_of(services, SERVICE_SCHEMA_PATH) == []


def test_an_empty_directory_is_an_empty_list(client):
    SupportOffer.objects.all().delete()
    assert download(client, STRUCTURES) == []
    assert download(client, SERVICES) == []


def test_the_answers_have_the_schema_the_openapi_document_gives(client, network):
    spec = document()
    for url in (STRUCTURES, SERVICES):
        response = client.get(url)
        assert response.json()
        assert_documented(spec, "get", url.removeprefix("/api/v1"), response)
