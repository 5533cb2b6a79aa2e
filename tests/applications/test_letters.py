"""The receipt and the decision letter, read back from the PDF as the structure reads them."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from aidess.applications.decisions import accept, decide_without_grant
from aidess.applications.enums import ApplicationStatus
from aidess.applications.letters import NotYet, decision_letter, receipt
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.submission import submit
from tests.applications.apply_helpers import ready_draft
from tests.factories import UserFactory, instructor

pytestmark = pytest.mark.django_db


def text_of(content):
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture
def submitted():
    user, structure, draft = ready_draft()
    submit(draft, user)
    draft.refresh_from_db()
    return user, draft


def test_the_receipt_names_reference_aid_provider_structure_date_amount_and_documents(submitted):
    user, application = submitted
    text = text_of(receipt(application))
    assert "Accusé de réception" in text
    assert application.reference in text
    assert "Fonds de relance ESS" in text
    assert "DREETS Hauts-de-France" in text
    assert application.structure.name in text
    assert "12 500 €" in text
    assert "RIB : rib.pdf" in text and "Statuts : statuts-2019.pdf" in text
    assert "Pièces jointes au dossier (5)" in text


def test_no_receipt_for_a_draft():
    user, structure, draft = ready_draft()
    with pytest.raises(NotYet):
        receipt(draft)


def instruct(application):
    person = instructor(application)
    APPLICATION_LIFECYCLE.apply(application, "instruct", person)
    return person


def test_the_letter_of_an_accepted_application_gives_amount_and_conditions(submitted):
    user, application = submitted
    person = instruct(application)
    accept(application, person, Decimal("8000"), "Bilan de l'action avant le 30 juin 2027.")
    text = text_of(decision_letter(application))
    assert "Notification de décision" in text
    assert "Demande acceptée" in text
    assert "Montant accordé 8 000 €" in text
    assert "Bilan de l'action avant le 30 juin 2027." in text
    assert "Refus" not in text


@pytest.mark.parametrize(
    ("transition", "label"), [("refuse", "Refusée"), ("close", "Classée sans suite")]
)
def test_the_letter_of_a_refusal_gives_the_reason_of_the_log(submitted, transition, label):
    user, application = submitted
    person = instruct(application)
    decide_without_grant(application, person, transition, "Le projet sort du champ de l'aide.")
    text = text_of(decision_letter(application))
    assert label in text
    assert "Le projet sort du champ de l'aide." in text
    assert "Montant accordé" not in text


def test_no_decision_letter_before_the_decision(submitted):
    user, application = submitted
    with pytest.raises(NotYet):
        decision_letter(application)


def test_downloads_for_applicant_and_instructor_not_for_others(submitted, login):
    user, application = submitted
    person = instruct(application)
    receipt_url = reverse("applications:receipt", args=[application.pk])
    decision_url = reverse("applications:decision", args=[application.pk])
    client = login(user)
    response = client.get(receipt_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert application.reference in text_of(response.content)
    assert client.get(decision_url).status_code == 404  # not decided yet
    decide_without_grant(application, person, "refuse", "Enveloppe épuisée.")
    assert "Enveloppe épuisée." in text_of(client.get(decision_url).content)
    assert "Enveloppe épuisée." in text_of(login(person).get(decision_url).content)
    stranger = login(UserFactory())
    assert stranger.get(receipt_url).status_code == 404
    assert stranger.get(decision_url).status_code == 404
    assert application.status == ApplicationStatus.REFUSED
