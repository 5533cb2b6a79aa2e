"""PUT of a saved plan through the API carries the version it read: a stale write is a 409 in
the API's error format with the stored version, and changes nothing."""

import json

import pytest
from django.test import Client

from aidess.cashflow.models import CashflowPlan
from tests.cashflow.helpers import advisor, example_plan, plan_lines, shared_with
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    return UserFactory(first_name="Léa", last_name="Martin"), UserFactory()


@pytest.fixture
def plan(members):
    return example_plan(StructureFactory(members=list(members)))


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def url(plan):
    return f"/api/v1/structures/{plan.structure_id}/cashflow-plans/{plan.pk}"


def read(client, plan):
    (stored,) = client.get(f"/api/v1/structures/{plan.structure_id}/cashflow-plans").json()["plans"]
    return stored


def body_of(stored, **changes):
    """The plan as read, sent back with `changes`."""
    lines = {"receipts": [], "expenses": []}
    for line in stored["lines"]:
        lines[f"{line['kind']}s"].append({"label": line["label"], "amounts": line["amounts"]})
    return {"version": stored["version"], "opening_balance": stored["opening_balance"], **lines, **changes}  # fmt: skip


def put(client, plan, body):
    return client.put(url(plan), json.dumps(body), content_type="application/json")


def test_read_gives_the_version_and_a_write_with_it_saves_and_bumps_it(plan, members):
    client = signed_in(members[0])
    stored = read(client, plan)
    assert stored["version"] == 1
    receipts = [{"label": "Ventes", "amounts": ["3000", "4000", "2500"]}]
    response = put(client, plan, body_of(stored, receipts=receipts))
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["lines"][0]["amounts"] == ["3000.00", "4000.00", "2500.00"]
    assert plan_lines(plan)[0] == ("receipt", "Ventes", ["3000.00", "4000.00", "2500.00"])
    assert CashflowPlan.objects.get(pk=plan.pk).updated_by == members[0]


def test_stale_write_is_a_409_with_what_changed_and_the_current_version(plan, members):
    alice, bob = signed_in(members[0]), signed_in(members[1])
    alice_read, bob_read = read(alice, plan), read(bob, plan)
    added = {"label": "Mécénat", "amounts": ["1500", "0", "0"]}
    alice_body = body_of(alice_read)
    assert put(alice, plan, {**alice_body, "receipts": [*alice_body["receipts"], added]}).status_code == 200  # fmt: skip

    response = put(bob, plan, body_of(bob_read, opening_balance="2000"))

    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2
    assert body["error"].startswith("Ce plan a été modifié par Léa Martin le ")
    assert "version 2" in body["error"]
    assert body["details"] == {
        "Trésorerie de départ": "Valeur enregistrée : 1\u202f000\u00a0€",
        "Encaissement": "Valeur enregistrée : « Mécénat » : 1\u202f500 / 0 / 0",
    }
    assert [label for _, label, _ in plan_lines(plan)] == ["Ventes", "Mécénat", "Salaires"]
    assert str(CashflowPlan.objects.get(pk=plan.pk).opening_balance) == "1000.00"

    # Read again, write again: accepted.
    assert put(bob, plan, body_of(read(bob, plan), opening_balance="2000")).status_code == 200


def test_write_without_version_is_a_400(plan, members):
    body = body_of(read(signed_in(members[0]), plan))
    del body["version"]
    response = put(signed_in(members[0]), plan, body)
    assert response.status_code == 400
    assert response.json()["details"] == {"version": "Champ obligatoire."}


def test_advisor_who_reads_the_plan_cannot_write_it(plan):
    user, organization = advisor()
    shared_with(plan.structure, organization)
    client = signed_in(user)
    response = put(client, plan, body_of(read(client, plan)))
    assert response.status_code == 403
    assert response.json() == {"error": "Lecture seule : ce plan vous est partagé."}
