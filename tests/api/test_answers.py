"""Real answers of every endpoint, successes and errors, have the schema the document gives them;
and every status the document promises is one an endpoint really gives."""

import json

import pytest

from aidess.diagnosis.models import Diagnosis
from tests.api.helpers import assert_documented, document
from tests.cashflow.helpers import EXAMPLE, advisor, example_plan, shared_with
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

PLANS = "/structures/{id}/cashflow-plans"
DIAGNOSES = "/structures/{id}/diagnoses"
ELIGIBILITY = "/structures/{id}/eligibility"
OPEN_DATA = "/open-data/scdl-subventions.csv"


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    structure = StructureFactory(member=member)
    example_plan(structure)
    Diagnosis.objects.create(structure=structure, answers={"dispute": True}, step=2)
    done = Diagnosis.objects.create(
        structure=structure, answers={"activity_status": "reduced", "months_covered": "0.5"}
    )
    done.complete()
    return structure


def calls(structure, reader):
    """(method, documented path, URL, JSON body or query, signed in? (True: as the member, or
    as this user)) for every documented status of every operation."""
    mine = structure.pk
    yield from [
        ("get", "/aids", "/aids", {"q": "trésorerie"}, False),
        ("get", "/aids", "/aids", {"page": "0"}, False),
        ("get", "/aids", "/aids", {"page": "999"}, False),
        ("get", "/aids/{slug}", "/aids/dla", None, False),
        ("get", "/aids/{slug}", "/aids/ptce", None, True),
        ("get", "/aids/{slug}", "/aids/inconnue", None, False),
        ("post", "/eligibility", "/eligibility", {"sector": "culture", "ess": True}, False),
        ("post", "/eligibility", "/eligibility", {"ess": None}, False),
        ("post", "/eligibility", "/eligibility", {"x": "y" * 70_000}, False),
        ("post", "/cashflow", "/cashflow", EXAMPLE, False),
        ("post", "/cashflow", "/cashflow", {"start": "2026-13"}, False),
        ("post", "/cashflow", "/cashflow", {"x": "y" * 300_000}, False),
        ("get", OPEN_DATA, OPEN_DATA, {}, False),
        ("get", OPEN_DATA, OPEN_DATA, {"from": "2026-02-30"}, False),
        ("get", OPEN_DATA, OPEN_DATA, {"aid": "inconnue"}, False),
    ]
    plan = structure.cashflow_plans.get()
    edit = f"{PLANS}/{{plan_id}}"
    path = edit.format(id=mine, plan_id=plan.pk)
    saved = {"version": 1, "opening_balance": "10", "receipts": [{"amounts": ["1"]}]}
    yield from [
        ("put", edit, path, saved, True),
        ("put", edit, path, saved, True),  # version 1 again: saved since, 409
        ("put", edit, path, {"version": 2}, True),
        ("put", edit, path, {"x": "y" * 300_000}, True),
        ("put", edit, path, saved, False),
        ("put", edit, path, {**saved, "version": 2}, reader),
        ("put", edit, edit.format(id=mine, plan_id=plan.pk + 1000), saved, True),
    ]
    for template in (ELIGIBILITY, PLANS, DIAGNOSES):
        yield from [
            ("get", template, template.format(id=mine), {}, True),
            ("get", template, template.format(id=0), {}, True),
            ("get", template, template.format(id=mine), {}, False),
            ("get", template, template.format(id=mine + 1000), {}, True),
        ]


def test_every_answer_matches_its_documented_schema_and_every_documented_status_occurs(
    client, login, member, structure
):
    spec = document()
    seen = set()
    reader, organization = advisor(departments=["59"])
    shared_with(structure, organization)
    for method, template, path, data, signed_in in calls(structure, reader):
        client.logout()
        if signed_in:
            login(member if signed_in is True else signed_in)
        url = "/api/v1" + path
        if method == "get":
            response = client.get(url, data)
        else:
            send = getattr(client, method)
            response = send(url, json.dumps(data), content_type="application/json")
        assert_documented(spec, method, template, response)
        seen.add((method, template, str(response.status_code)))

    documented = {
        (method, template, status)
        for template, operations in spec["paths"].items()
        for method, operation in operations.items()
        for status in operation["responses"]
    }
    assert seen == documented


def test_saved_plans_and_diagnoses_are_complete_answers(client, login, member, structure):
    login(member)
    plans = client.get(f"/api/v1/structures/{structure.pk}/cashflow-plans").json()
    assert plans["plans"][0]["financing_need"] == "3000.50"
    diagnoses = client.get(f"/api/v1/structures/{structure.pk}/diagnoses").json()["diagnoses"]
    assert [d["completed_at"] is None for d in diagnoses] == [False, True]
    assert diagnoses[1]["answers"] == {"dispute": True}
