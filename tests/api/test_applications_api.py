"""A structure's members follow their applications through the API: states, the last change
with its reason, messages, decision and payments; never the instructors' notes, never another
structure's application."""

import datetime
from decimal import Decimal

import pytest

from aidess.applications.decisions import accept, record_payment
from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.enums import MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import ApplicationTerms, Message, Note
from tests.factories import ApplicationFactory, StructureFactory, UserFactory, instructor

pytestmark = pytest.mark.django_db
MINE = "/api/v1/applications"


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    return StructureFactory(member=member)


def test_a_member_lists_its_structures_applications_drafts_included(
    client, login, member, structure
):
    submitted = ApplicationFactory(structure=structure)
    draft = ApplicationFactory(
        structure=structure, status=S.DRAFT, reference=None, submitted_at=None
    )
    ApplicationFactory()  # another structure's
    other_structure = StructureFactory(member=member)
    elsewhere = ApplicationFactory(structure=other_structure)
    login(member)
    response = client.get(MINE)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert {row["id"] for row in body["results"]} == {submitted.pk, draft.pk, elsewhere.pk}
    row = next(row for row in body["results"] if row["id"] == draft.pk)
    assert row["status"] == {"code": "brouillon", "label": "Brouillon"}
    assert row["reference"] is None and row["last_transition"] is None
    assert row["aid"] == {"slug": draft.aid.slug, "name": draft.aid.name}


def test_the_last_change_and_its_reason_are_given(client, login, member, structure):
    application = ApplicationFactory(structure=structure)
    who = instructor(application)
    APPLICATION_LIFECYCLE.apply(application, "request_correction", who, "Joignez le RIB.")
    login(member)
    row = client.get(MINE).json()["results"][0]
    assert row["status"] == {"code": "a_corriger", "label": "Correction demandée"}
    last = row["last_transition"]
    assert last["transition"] == "request_correction"
    assert last["label"] == "Demander une correction"
    assert (last["from_status"], last["to_status"]) == ("deposee", "a_corriger")
    assert last["comment"] == "Joignez le RIB."


def test_the_detail_has_messages_decision_payments_and_never_notes(
    client, login, member, structure
):
    application = ApplicationFactory(structure=structure, status=S.INSTRUCTION)
    who = instructor(application)
    ApplicationTerms.objects.create(aid=application.aid, envelope_eur=Decimal("5000.00"))
    Message.objects.create(
        application=application, author=who, side=MessageAuthor.INSTRUCTOR, body="Bien reçu."
    )
    Note.objects.create(application=application, author=who, body="Trésorerie fragile.")
    accept(application, who, Decimal("6000.00"), "Rapport final.", "Urgence sociale du secteur.")
    record_payment(application, who, Decimal("3000.00"), datetime.date(2026, 11, 30))
    login(member)
    response = client.get(f"{MINE}/{application.pk}")
    assert response.status_code == 200
    body = response.json()
    assert "notes" not in body
    assert "Trésorerie fragile." not in response.content.decode()
    assert "Urgence sociale" not in response.content.decode()  # the override stays internal
    assert body["messages"][0]["body"] == "Bien reçu."
    assert body["messages"][0]["side"] == "instructeur"
    assert body["decision"]["amount_granted"] == "6000.00"
    assert body["decision"]["conditions"] == "Rapport final."
    assert body["payments"] == [{"paid_on": "2026-11-30", "amount": "3000.00"}]
    assert body["history"][-1]["comment"] == (
        "Montant accordé : 6\u00a0000,00 €. Conditions : Rapport final."
    )


def test_another_structure_s_application_is_404_and_anonymous_401(client, login, member):
    stranger = ApplicationFactory()
    login(member)
    response = client.get(f"{MINE}/{stranger.pk}")
    assert response.status_code == 404
    assert response.json() == {"error": "Demande introuvable."}
    client.logout()
    assert client.get(MINE).status_code == 401
    assert client.get(f"{MINE}/{stranger.pk}").json() == {"error": "Authentification requise."}


def test_an_instructor_does_not_read_applications_through_the_applicant_api(client, login):
    application = ApplicationFactory()
    login(instructor(application))
    assert client.get(MINE).json() == {"count": 0, "results": []}
    assert client.get(f"{MINE}/{application.pk}").status_code == 404


def test_a_reopened_decision_no_longer_shows_an_amount_granted(client, login, member, structure):
    application = ApplicationFactory(structure=structure, status=S.INSTRUCTION)
    who = instructor(application)
    accept(application, who, Decimal("2000.00"))
    login(member)
    assert client.get(MINE).json()["results"][0]["amount_granted"] == "2000.00"
    APPLICATION_LIFECYCLE.apply(application, "reopen", who, "Pièce manquante découverte.")
    row = client.get(MINE).json()["results"][0]
    assert row["status"]["code"] == "en_instruction"
    assert row["amount_granted"] is None
    assert row["last_transition"]["comment"] == "Pièce manquante découverte."
