"""Two members fill the same self-diagnosis from two open pages: answers to the same step saved
meanwhile are not overwritten silently; answers to other steps are merged."""

import pytest
from django.test import Client
from django.urls import reverse

from aidess.diagnosis.models import Diagnosis
from tests.factories import StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return UserFactory(first_name="Léa", last_name="Martin"), UserFactory()


@pytest.fixture
def diagnosis(people):
    structure = StructureFactory(members=list(people))
    return Diagnosis.objects.create(structure=structure, created_by=people[0])


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def url(diagnosis, number):
    return reverse("diagnosis:step", args=[diagnosis.structure_id, diagnosis.pk, number])


def opened(client, diagnosis, number):
    """The step's form as its page submits it."""
    page = Page(client.get(url(diagnosis, number)).content.decode())
    return page.form_with(field_name="action").values()


def test_same_step_saved_meanwhile_is_refused_with_the_stored_answer(people, diagnosis):
    alice, bob = signed_in(people[0]), signed_in(people[1])
    alice_form, bob_form = opened(alice, diagnosis, 3), opened(bob, diagnosis, 3)

    saved = {**alice_form, "cash_in_hand_eur": "4000", "months_covered": "0.5", "action": "next"}
    assert alice.post(url(diagnosis, 3), saved).status_code == 302
    response = bob.post(url(diagnosis, 3), {**bob_form, "months_covered": "6", "action": "next"})

    assert response.status_code == 409
    page = Page(response.content.decode())
    alert = page.text("version-conflict")
    assert "Cet autodiagnostic a été modifié par Léa Martin le " in alert
    assert "Combien de mois de dépenses couvre-t-elle ? : 0,5" in alert
    assert page.form_with(field_name="action").value("months_covered") == "6"
    diagnosis.refresh_from_db()
    assert diagnosis.answers["months_covered"] == "0.5"


def test_another_step_saved_meanwhile_is_merged(people, diagnosis):
    alice, bob = signed_in(people[0]), signed_in(people[1])
    alice_form, bob_form = opened(alice, diagnosis, 1), opened(bob, diagnosis, 3)

    assert alice.post(url(diagnosis, 1), {**alice_form, "activity_status": "reduced", "action": "next"}).status_code == 302  # fmt: skip
    response = bob.post(url(diagnosis, 3), {**bob_form, "months_covered": "2", "action": "next"})

    assert response.status_code == 302
    diagnosis.refresh_from_db()
    assert (diagnosis.answers["activity_status"], diagnosis.answers["months_covered"]) == ("reduced", "2")  # fmt: skip
    assert (diagnosis.version, diagnosis.updated_by) == (3, people[1])
