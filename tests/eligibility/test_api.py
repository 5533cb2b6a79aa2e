"""POST /api/v1/eligibility (anonymous) and GET /api/v1/structures/{id}/eligibility."""

import json
from decimal import Decimal

import pytest
from django.utils import timezone

from aidess.aids.enums import Need
from aidess.eligibility.engine import Profile
from aidess.eligibility.profiles import place_codes, profile_of
from aidess.eligibility.service import candidate_aids, evaluate_and_rank
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS
from aidess.structures.models import Structure
from aidess.territories.models import Commune
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/eligibility"
FIELDS = {
    "legal_category", "legal_form", "ess", "esus", "iae", "employees_fte", "annual_budget_eur",
    "public_funding_share", "sector", "commune", "situations", "creation_date", "needs",
    "include_closed",
}  # fmt: skip
ISSUE_EXAMPLE = {
    "legal_category": "9220",
    "legal_form": "association",
    "ess": True,
    "esus": False,
    "iae": False,
    "employees_fte": 2.0,
    "annual_budget_eur": 90000,
    "public_funding_share": 0.45,
    "sector": "culture",
    "commune": "23008",
    "situations": ["public_funding_cut"],
    "include_closed": False,
}


def post(client, body):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, raw, content_type="application/json")


def by_aid(response):
    return {item["aid"]: item for item in response.json()["results"]}


def engine_results(profile, include_closed=False):
    """What the API must say, computed by the engine and ranked as the pages rank."""
    results = evaluate_and_rank(
        profile, candidate_aids(include_closed), timezone.localdate(), include_closed
    )
    return [
        {
            "aid": item.aid.slug,
            "name": item.aid.name,
            "verdict": str(item.verdict),
            "open": item.is_open,
            "near_miss": item.near_miss,
            "rank": item.rank,
            "relevance": item.relevance,
            "criteria": [
                {"code": c.code, "verdict": str(c.verdict), "reason": c.reason}
                for c in item.evaluation.criteria
            ],
        }
        for item in results
    ]


def test_issue_example_gives_the_engine_verdicts(client):
    response = post(client, ISSUE_EXAMPLE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    profile = Profile(
        legal_form="association",
        ess=True,
        esus=False,
        iae=False,
        employees_fte=Decimal("2"),
        annual_budget_eur=Decimal("90000"),
        public_funding_share=Decimal("45"),
        sector="culture",
        situations=frozenset({"public_funding_cut"}),
        **place_codes(Commune.objects.get(code="23008")),
    )
    assert response.json() == {"results": engine_results(profile)}

    results = by_aid(response)
    assert set(results["dla"]) == {
        "aid",
        "name",
        "verdict",
        "open",
        "near_miss",
        "rank",
        "relevance",
        "criteria",
    }
    assert results["dla"]["name"] == "Dispositif local d'accompagnement (DLA)"
    assert (results["dla"]["verdict"], results["dla"]["open"]) == ("eligible", True)
    assert results["dla-restructuration"]["verdict"] == "eligible"
    france_active = results["france-active-accompagnement"]
    assert (france_active["verdict"], france_active["near_miss"]) == ("ineligible", True)
    assert {
        "code": "annual_budget",
        "verdict": "unmet",
        "reason": "Votre structure a un budget annuel de 90\u202f000 € ; ce dispositif est réservé "
        "aux structures de 200\u202f000 € de budget annuel au moins.",
    } in france_active["criteria"]
    assert "dsess" not in results
    assert "Votre structure a un budget annuel de 90\u202f000 €".encode() in response.content


def test_every_field_is_optional(client):
    response = post(client, {})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results
    assert {item["verdict"] for item in results} == {"eligible", "to_confirm"}
    assert all(item["open"] for item in results)
    assert response.json() == {"results": engine_results(Profile())}


def test_empty_body_is_an_empty_profile(client):
    response = client.post(URL, b"", content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"results": engine_results(Profile())}


def test_legal_form_is_derived_from_the_legal_category(client):
    results = by_aid(post(client, {"legal_category": "5710"}))
    guid_asso = results["guid-asso"]
    assert guid_asso["verdict"] == "ineligible"
    assert guid_asso["criteria"][0]["reason"] == (
        "Votre forme juridique (société commerciale) n'est pas acceptée : ce dispositif est "
        "réservé à association."
    )
    esus = by_aid(post(client, {"legal_category": "5710", "esus": True}))
    france_active = esus["france-active-accompagnement"]
    assert france_active["criteria"][0] == {
        "code": "legal_form",
        "verdict": "met",
        "reason": "Votre structure est agréée ESUS : elle est concernée.",
    }


def test_company_that_does_not_say_if_it_is_esus_is_to_confirm_for_france_active(client):
    results = by_aid(post(client, {"legal_form": "commercial_company"}))
    france_active = results["france-active-accompagnement"]
    assert france_active["verdict"] == "to_confirm"
    assert france_active["criteria"][0]["verdict"] == "unknown"


def test_closed_aids_only_with_include_closed(client):
    body = {**ISSUE_EXAMPLE, "situations": ["covid_crisis"]}
    assert "dsess" not in by_aid(post(client, body))
    dsess = by_aid(post(client, {**body, "include_closed": True}))["dsess"]
    assert (dsess["verdict"], dsess["open"]) == ("eligible", False)


def test_share_is_a_fraction_and_strings_are_accepted_for_numbers(client):
    as_strings = {**ISSUE_EXAMPLE, "employees_fte": "2.0", "public_funding_share": "0.45"}
    assert post(client, as_strings).json() == post(client, ISSUE_EXAMPLE).json()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"legal_form": "sarl"},
            "legal_form",
            f"Valeur inconnue « sarl ». Valeurs possibles : {', '.join(LEGAL_FORMS)}.",
        ),
        (
            {"sector": "arts"},
            "sector",
            f"Valeur inconnue « arts ». Valeurs possibles : {', '.join(SECTORS)}.",
        ),
        (
            {"situations": ["bankruptcy"]},
            "situations",
            f"Situation inconnue : bankruptcy. Valeurs possibles : {', '.join(SITUATIONS)}.",
        ),
        (
            {"legal_category": "1234"},
            "legal_category",
            "Catégorie juridique INSEE inconnue « 1234 » (4 chiffres, ex. 9220).",
        ),
        ({"ess": "yes"}, "ess", "Valeur attendue : true ou false."),
        ({"esus": 1}, "esus", "Valeur attendue : true ou false."),
        ({"include_closed": "true"}, "include_closed", "Valeur attendue : true ou false."),
        ({"employees_fte": "abc"}, "employees_fte", "« abc » n'est pas un nombre."),
        ({"employees_fte": -1}, "employees_fte", "La valeur ne peut pas être négative."),
        ({"employees_fte": True}, "employees_fte", "Valeur attendue : un nombre."),
        ({"annual_budget_eur": [1]}, "annual_budget_eur", "Valeur attendue : un nombre."),
        ({"situations": "x"}, "situations", "Valeur attendue : une liste."),
        (
            {"public_funding_share": 1.5},
            "public_funding_share",
            "La valeur doit être comprise entre 0 et 1.",
        ),
        (
            {"public_funding_share": 45},
            "public_funding_share",
            "La valeur doit être comprise entre 0 et 1.",
        ),
        (
            {"commune": "99999"},
            "commune",
            "Commune inconnue « 99999 » (code INSEE attendu, ex. 23008).",
        ),
        (
            {"commune": 23008},
            "commune",
            "Commune inconnue « 23008 » (code INSEE attendu, ex. 23008).",
        ),
        ({"creation_date": "2020-13-01"}, "creation_date", "Date attendue au format AAAA-MM-JJ."),
        ({"colour": "red"}, "colour", "Champ inconnu."),
    ],
)
def test_bad_values_are_explained_per_field(client, body, field, message):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {"error": "Profil invalide.", "details": {field: message}}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sector": ["culture"]}, "sector"),
        ({"legal_form": {"value": "association"}}, "legal_form"),
        ({"situations": [["dispute"]]}, "situations"),
        ({"situations": [{"code": "dispute"}]}, "situations"),
        ({"situations": [1, None]}, "situations"),
        ({"legal_category": ["9220"]}, "legal_category"),
        ({"creation_date": {"year": 2020}}, "creation_date"),
    ],
)
def test_values_of_the_wrong_json_type_are_400_not_500(client, body, field):
    response = post(client, body)
    assert response.status_code == 400
    details = response.json()["details"]
    assert list(details) == [field]
    assert details[field]


def test_every_error_is_reported_at_once(client):
    body = {
        **ISSUE_EXAMPLE,
        "ess": "yes",
        "employees_fte": "abc",
        "situations": "x",
        "public_funding_share": 2,
        "commune": "00000",
        "unknown": 1,
    }
    response = post(client, body)
    assert response.status_code == 400
    assert set(response.json()["details"]) == {
        "ess",
        "employees_fte",
        "situations",
        "public_funding_share",
        "commune",
        "unknown",
    }


@pytest.mark.parametrize("raw", ["{", "not json", '{"ess": tru}', b"\xff\xfe"])
def test_invalid_json_is_400(client, raw):
    response = post(client, raw)
    assert response.status_code == 400
    assert response.json() == {"error": "Le corps de la requête n'est pas du JSON valide."}


@pytest.mark.parametrize("raw", ["[]", '"association"', "42", "null"])
def test_body_must_be_an_object(client, raw):
    response = post(client, raw)
    assert response.status_code == 400
    assert response.json()["details"] == {"body": "Le corps de la requête doit être un objet JSON."}


def test_oversized_body_is_413(client):
    response = post(client, {"sector": "culture", "padding": "x" * 70_000})
    assert response.status_code == 413
    assert response.json() == {"error": "Requête trop volumineuse (64 Ko au plus)."}


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


# A saved structure


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    return StructureFactory(
        member=member,
        commune=Commune.objects.get(code="35238"),
        employees_fte=Decimal("4"),
        annual_budget_eur=Decimal("250000"),
    )


def structure_url(structure):
    return f"/api/v1/structures/{structure.pk}/eligibility"


def test_member_gets_the_verdicts_of_its_structure(client, login, member, structure):
    login(member)
    response = client.get(structure_url(structure))
    assert response.status_code == 200
    saved = Structure.objects.select_related("commune").get(pk=structure.pk)
    assert response.json() == {"results": engine_results(profile_of(saved))}
    results = by_aid(response)
    assert results["sos-employeurs-ess"]["verdict"] == "eligible"  # Bretagne
    assert results["mediateur-des-entreprises"]["verdict"] == "to_confirm"
    assert "dsess" not in results
    with_closed = by_aid(client.get(structure_url(structure), {"include_closed": "true"}))
    assert with_closed["dsess"]["open"] is False


def test_another_user_gets_404(client, login, structure):
    stranger = UserFactory()
    StructureFactory(member=stranger)
    login(stranger)
    response = client.get(structure_url(structure))
    assert response.status_code == 404
    assert response.json() == {"error": "Structure introuvable."}


def test_anonymous_gets_401(client, structure):
    response = client.get(structure_url(structure))
    assert response.status_code == 401
    assert response.json() == {"error": "Authentification requise."}


def test_unknown_structure_is_404(client, login, member):
    login(member)
    assert client.get("/api/v1/structures/999999/eligibility").status_code == 404


# OpenAPI


def test_openapi_documents_the_eligibility_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()
    post_eligibility = document["paths"]["/eligibility"]["post"]
    schema = post_eligibility["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Profile"}
    assert {"200", "400"} <= set(post_eligibility["responses"])
    profile = document["components"]["schemas"]["Profile"]
    assert set(profile["properties"]) == FIELDS
    assert profile["properties"]["legal_form"]["enum"] == list(LEGAL_FORMS)
    assert profile["properties"]["sector"]["enum"] == list(SECTORS)
    assert profile["properties"]["situations"]["items"]["enum"] == list(SITUATIONS)
    assert profile["properties"]["needs"]["items"]["enum"] == list(Need.values)
    items = document["components"]["schemas"]["Verdicts"]["properties"]["results"]["items"]
    verdict = document["components"]["schemas"][items["$ref"].rsplit("/", 1)[1]]
    assert set(verdict["required"]) == {
        "aid", "name", "verdict", "open", "near_miss", "rank", "relevance", "criteria",
    }  # fmt: skip
    structure_get = document["paths"]["/structures/{id}/eligibility"]["get"]
    assert {"200", "401", "404"} <= set(structure_get["responses"])


@pytest.mark.parametrize(
    "body",
    [
        {"annual_budget_eur": "1e5000"},
        {"annual_budget_eur": "1e999999999"},
        {"employees_fte": "1e5000", "include_closed": True},
        {"annual_budget_eur": "1000000000000"},
        {"employees_fte": "NaN"},
        {"employees_fte": "-Infinity"},
    ],
)
def test_absurd_numbers_are_refused(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert list(response.json()["details"]) == [name for name in body if name != "include_closed"]


def test_tiny_fractions_are_rounded_not_spelt_out(client):
    response = post(client, {"annual_budget_eur": "199999.9999999999999999999"})
    france_active = by_aid(response)["france-active-accompagnement"]
    assert france_active["criteria"][1]["reason"].startswith(
        "Votre structure a un budget annuel de 200\u202f000 € :"
    )
    tiny = post(client, {"annual_budget_eur": "1e-999999999"})
    assert tiny.status_code == 200
    france_active = by_aid(tiny)["france-active-accompagnement"]
    assert france_active["criteria"][1]["reason"].startswith(
        "Votre structure a un budget annuel de 0 € ;"
    )
