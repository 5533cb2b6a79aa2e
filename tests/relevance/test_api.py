"""The API gives the pages' order: `needs` in, `rank` and `relevance` out, same ranking function."""

import json

import pytest
from django.urls import reverse

from aidess.diagnosis.models import Diagnosis
from aidess.diagnosis.needs import latest_needs
from aidess.organizations.enums import Role, ScopeLevel
from aidess.territories.models import Commune
from tests.factories import (
    OrganizationMembershipFactory,
    SharingConsentFactory,
    StructureFactory,
    UserFactory,
)
from tests.relevance.cases import PROFILES

pytestmark = pytest.mark.django_db

THEATRE = PROFILES[0]
THEATRE_PROFILE = {
    "legal_form": "association",
    "commune": "23008",
    "sector": "culture",
    "ess": True,
    "employees_fte": 2,
    "situations": ["cash_shortfall", "public_funding_cut"],
}


def evaluate(client, profile):
    return client.post(
        reverse("api:eligibility"), json.dumps(profile), content_type="application/json"
    )


def test_results_come_in_rank_order_with_the_schemes_for_the_case_first(client):
    results = evaluate(client, THEATRE_PROFILE).json()["results"]

    assert [item["rank"] for item in results] == list(range(1, len(results) + 1))
    assert {item["aid"] for item in results[: len(THEATRE.first)]} == set(THEATRE.first)
    by_slug = {item["aid"]: item for item in results}
    assert "trésorerie" in by_slug["pret-relais-solidaire"]["relevance"]


def test_a_declared_need_moves_the_aids_that_answer_it_up(client):
    profile = {"legal_form": "association", "commune": "23008", "employees_fte": 3}

    def rank_of_mediator(needs):
        results = evaluate(client, {**profile, "needs": needs}).json()["results"]
        return next(item["rank"] for item in results if item["aid"] == "mediateur-des-entreprises")

    assert rank_of_mediator(["payment_dispute"]) < rank_of_mediator([])


def test_an_unknown_need_is_refused_in_french(client):
    response = evaluate(client, {"needs": ["argent"]})

    assert response.status_code == 400
    assert "Besoin inconnu : argent" in json.dumps(response.json(), ensure_ascii=False)


def test_the_needs_a_diagnosis_found_stay_with_those_who_may_read_the_finances():
    member = UserFactory()
    structure = StructureFactory(member=member, commune=Commune.objects.get(code="23008"))
    diagnosis = Diagnosis.objects.create(structure=structure, answers={"dispute": True})
    diagnosis.complete()
    advisor = OrganizationMembershipFactory(
        role=Role.ADVISOR, scope=ScopeLevel.DEPARTMENTAL, departments=["23"]
    )

    assert "payment_dispute" in latest_needs(structure, member)
    assert latest_needs(structure, advisor.user) == frozenset()

    SharingConsentFactory(structure=structure, organization=advisor.organization)
    assert "payment_dispute" in latest_needs(structure, advisor.user)
