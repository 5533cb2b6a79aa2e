"""Real answers of every endpoint, successes and errors, have the schema the document gives them;
and every status the document promises is one an endpoint really gives."""

import json

import pytest

from aidess.applications.enums import ApplicationStatus as S
from aidess.diagnosis.models import Diagnosis
from aidess.organizations.enums import Role, ScopeLevel
from aidess.organizations.tokens import create_token
from tests.api.factories import bearer, provider_token
from tests.api.helpers import assert_documented, document
from tests.cashflow.helpers import EXAMPLE, advisor, example_plan, shared_with
from tests.factories import (
    ApplicationFactory,
    OrganizationMembershipFactory,
    StructureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLANS = "/structures/{id}/cashflow-plans"
DIAGNOSES = "/structures/{id}/diagnoses"
ELIGIBILITY = "/structures/{id}/eligibility"
OPEN_DATA = "/open-data/scdl-subventions.csv"
DI_STRUCTURES = "/open-data/data-inclusion/structures.json"
DI_SERVICES = "/open-data/data-inclusion/services.json"
PREVIEW = "/orientation/preview"


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
        ("post", PREVIEW, PREVIEW, {"commune": "23008", "needs": ["advice"]}, False),
        ("post", PREVIEW, PREVIEW, {"needs": ["argent"]}, False),
        ("post", PREVIEW, PREVIEW, {"x": "y" * 70_000}, False),
        ("post", "/cashflow", "/cashflow", EXAMPLE, False),
        ("post", "/cashflow", "/cashflow", {"start": "2026-13"}, False),
        ("post", "/cashflow", "/cashflow", {"x": "y" * 300_000}, False),
        ("post", "/watch/risk", "/watch/risk", {"cash_runway_months": 0.5}, False),
        ("post", "/watch/risk", "/watch/risk", {"public_funding_share": 45}, False),
        ("post", "/watch/risk", "/watch/risk", {"x": "y" * 70_000}, False),
        ("get", OPEN_DATA, OPEN_DATA, {}, False),
        ("get", OPEN_DATA, OPEN_DATA, {"from": "2026-02-30"}, False),
        ("get", OPEN_DATA, OPEN_DATA, {"aid": "inconnue"}, False),
        ("get", DI_STRUCTURES, DI_STRUCTURES, {}, False),
        ("get", DI_SERVICES, DI_SERVICES, {}, False),
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


def application_calls(structure):
    """The applicant's and the instructors' operations; signed in: True (the member), or the
    headers carrying a provider's token."""
    mine = ApplicationFactory(structure=structure, status=S.INSTRUCTION)
    other = ApplicationFactory()
    _organization, _admin, clear = provider_token(mine)
    token = bearer(clear)
    huge = {"comment": "y" * 20_000}
    yield from [
        ("get", "/applications", "/applications", {}, True),
        ("get", "/applications", "/applications", {}, False),
        ("get", "/applications/{id}", f"/applications/{mine.pk}", {}, True),
        ("get", "/applications/{id}", "/applications/0", {}, True),
        ("get", "/applications/{id}", f"/applications/{mine.pk}", {}, False),
        ("get", "/applications/{id}", f"/applications/{other.pk}", {}, True),
    ]
    inbox, one = "/instruction/applications", "/instruction/applications/{id}"
    yield from [
        ("get", inbox, inbox, {"tab": "toutes", "limit": 1}, token),
        ("get", inbox, inbox, {"tab": "aucune"}, token),
        ("get", inbox, inbox, {}, False),
        ("get", inbox, inbox, {}, True),  # the member instructs nothing: 403
        ("get", one, one.format(id=mine.pk), {}, token),
        ("get", one, one.format(id=0), {}, token),
        ("get", one, one.format(id=mine.pk), {}, False),
        ("get", one, one.format(id=mine.pk), {}, True),
        ("get", one, one.format(id=other.pk), {}, token),
    ]
    reopen = (
        "post",
        f"{one}/transitions",
        one.format(id=mine.pk) + "/transitions",
        {"transition": "reopen", "comment": "Erreur de saisie."},
        token,
    )
    for end, good, before, after in (
        ("transitions", {"transition": "refuse", "comment": "Hors critères."}, [], []),
        ("decision", {"amount": "1000.00"}, [reopen], []),  # accepted, then 409: done already
        ("payments", {"amount": "10", "paid_on": "2026-11-30"}, [], [reopen]),  # 201, then 409
    ):
        template = f"{one}/{end}"
        path = template.format(id=mine.pk)
        yield from before
        yield ("post", template, path, good, token)
        yield from after
        yield from [
            ("post", template, path, good, token),
            ("post", template, path, {"transition": "?", "amount": "x"}, token),
            ("post", template, path, huge, token),
            ("post", template, path, good, False),
            ("post", template, path, good, True),
            ("post", template, template.format(id=other.pk), good, token),
        ]


def watch_alert_calls(structure):
    """A watch cell's software files an alert (201), again (200); bad input, a body too large,
    no token, a provider's token."""
    membership = OrganizationMembershipFactory(
        role=Role.WATCH_AGENT, scope=ScopeLevel.REGIONAL, regions=[structure.region_id]
    )
    cell = bearer(create_token(membership.organization, membership.user, "Logiciel")[1])
    provider = bearer(provider_token()[2])
    good = {"siret": structure.siret, "cause": "other", "external_id": "A-1"}
    alerts = "/watch/alerts"
    yield from [
        ("post", alerts, alerts, good, cell),
        ("post", alerts, alerts, good, cell),
        ("post", alerts, alerts, {**good, "cause": "storm"}, cell),
        ("post", alerts, alerts, {"x": "y" * 20_000}, cell),
        ("post", alerts, alerts, good, False),
        ("post", alerts, alerts, good, provider),
    ]


def impact_review_calls():
    """A watch agent reads a review (200), with a bad date (400), of an unknown aid (404);
    without an account (401); a structure's member (403)."""
    agent = OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL).user
    review = "/watch/impact-review"
    yield from [
        ("get", review, review, {"aid": "dsess"}, agent),
        ("get", review, review, {"aid": "dsess", "from": "2026-13-01"}, agent),
        ("get", review, review, {"aid": "aucune-aide"}, agent),
        ("get", review, review, {"aid": "dsess"}, False),
        ("get", review, review, {"aid": "dsess"}, True),
    ]


def test_every_answer_matches_its_documented_schema_and_every_documented_status_occurs(
    client, login, member, structure
):
    spec = document()
    seen = set()
    reader, organization = advisor(departments=["59"])
    shared_with(structure, organization)
    structure.siret = "44444444200016"
    structure.save()
    every = [
        *calls(structure, reader),
        *application_calls(structure),
        *watch_alert_calls(structure),
        *impact_review_calls(),
    ]
    for method, template, path, data, signed_in in every:
        client.logout()
        headers = signed_in if isinstance(signed_in, dict) else {}
        if signed_in and not headers:
            login(member if signed_in is True else signed_in)
        url = "/api/v1" + path
        if method == "get":
            response = client.get(url, data, headers=headers)
        else:
            send = getattr(client, method)
            response = send(url, json.dumps(data), content_type="application/json", headers=headers)
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
