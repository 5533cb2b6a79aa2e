"""Two members save the same plan from two open pages: the second save is refused with what the
first changed, keeps what the second typed, and erases nothing (it used to delete the first's line)."""

import pytest
from django.test import Client
from django.urls import reverse

from aidess.cashflow.models import CashflowPlan
from tests.cashflow.helpers import example_plan, plan_lines
from tests.factories import StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def first():
    return UserFactory(first_name="Léa", last_name="Martin")


@pytest.fixture
def second():
    return UserFactory(first_name="Karim", last_name="Benali")


@pytest.fixture
def plan(first, second):
    return example_plan(StructureFactory(members=[first, second]))


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def url(plan):
    return reverse("cashflow:detail", args=[plan.structure_id, plan.pk])


def grid_data(response):
    return Page(response.content.decode()).form_with(form_id="cashflow-form").data()


def key_of(data, label):
    (key,) = [n.removeprefix("label-") for n, v in data.items() if n.startswith("label-") and v == [label]]  # fmt: skip
    return key


def add_line(client, plan, data, label, *amounts):
    data = grid_data(client.post(url(plan), {**data, "add": "receipt"}))
    key = key_of(data, "Nouvelle ligne")
    data[f"label-{key}"] = [label]
    for month, amount in enumerate(amounts):
        data[f"amount-{key}-{month}"] = [amount]
    return data


def test_second_save_is_refused_with_the_first_line_shown_and_the_typed_values_kept(
    plan, first, second
):
    alice, bob = signed_in(first), signed_in(second)
    alice_data = grid_data(alice.get(url(plan)))
    bob_data = grid_data(bob.get(url(plan)))  # opened before Alice saves

    alice_data = add_line(alice, plan, alice_data, "Mécénat", "1 500", "0", "0")
    assert alice.post(url(plan), {**alice_data, "action": "save"}).status_code == 302

    ventes = key_of(bob_data, "Ventes")
    bob_data[f"amount-{ventes}-0"] = ["7 777"]
    response = bob.post(url(plan), {**bob_data, "action": "save"})

    assert response.status_code == 409
    page = Page(response.content.decode())
    alert = page.text("version-conflict")
    assert "Ce plan a été modifié par Léa Martin le " in alert
    assert "pendant que vous le modifiiez" in alert
    assert "« Mécénat » : 1\u202f500 / 0 / 0" in alert
    form = page.form_with(form_id="cashflow-form")
    assert form.value(f"amount-{ventes}-0") == "7 777", "what Bob typed is kept"
    assert form.value("version") == "2", "the page now carries the stored version"
    assert "Mécénat" in [form.value(f"label-{key}") for key in form.data()["line"]]
    assert plan_lines(plan) == [
        ("receipt", "Ventes", ["3000.00", "4000.00", "2000.00"]),
        ("receipt", "Mécénat", ["1500.00", "0.00", "0.00"]),
        ("expense", "Salaires", ["5000.00", "3500.00", "4500.50"]),
    ], "Bob's stale save changed nothing"

    # Saving again from the page drawn with the conflict applies Bob's typing on top.
    assert bob.post(url(plan), {**form.data(), "action": "save"}).status_code == 302
    assert plan_lines(plan)[:2] == [
        ("receipt", "Ventes", ["7777.00", "4000.00", "2000.00"]),
        ("receipt", "Mécénat", ["1500.00", "0.00", "0.00"]),
    ]
    stored = CashflowPlan.objects.get(pk=plan.pk)
    assert (stored.version, stored.updated_by) == (3, second)


def test_a_save_without_the_version_read_is_refused(plan, first):
    client = signed_in(first)
    data = grid_data(client.get(url(plan)))
    del data["version"]
    data[f"amount-{key_of(data, 'Ventes')}-0"] = ["1"]
    response = client.post(url(plan), {**data, "action": "save"})
    assert response.status_code == 400
    assert "rechargez la page" in Page(response.content.decode()).text("version-conflict")
    assert plan_lines(plan)[0][2][0] == "3000.00"


def test_adding_a_line_keeps_the_version_the_page_was_read_at(plan, first, second):
    """ "Add a line" redraws the page without saving: it must not take the newer version."""
    alice, bob = signed_in(first), signed_in(second)
    bob_data = grid_data(bob.get(url(plan)))
    alice_data = grid_data(alice.get(url(plan)))
    alice_data[f"amount-{key_of(alice_data, 'Ventes')}-1"] = ["4 100"]
    assert alice.post(url(plan), {**alice_data, "action": "save"}).status_code == 302

    bob_data = add_line(bob, plan, bob_data, "Dons", "10", "10", "10")
    assert bob_data["version"] == ["1"]
    response = bob.post(url(plan), {**bob_data, "action": "save"})
    assert response.status_code == 409
    assert "« Ventes » : 3\u202f000 / 4\u202f100 / 2\u202f000" in Page(
        response.content.decode()
    ).text("version-conflict")
    assert [label for _, label, _ in plan_lines(plan)] == ["Ventes", "Salaires"]
