"""Payments: recorded on an accepted application (date, amount), listed, never beyond what was
granted; a French error next to the field, what was typed kept."""

from decimal import Decimal

import pytest

from aidess.applications.decisions import accept, envelope_of
from aidess.applications.models import Payment
from tests.funding.helpers import aid_with_envelope, history_changes, payments_url, text_of

pytestmark = pytest.mark.django_db

NNBSP, NBSP = "\u202f", "\xa0"


def test_payments_are_listed_with_the_total_paid_against_the_amount_granted(login):
    application, agent = aid_with_envelope("20000")
    accept(application, agent, Decimal("8000"))
    client = login(agent)
    page = text_of(client.get(payments_url(application)))
    assert "Aucun versement pour le moment." in page and "Enregistrer le versement" in page

    response = client.post(payments_url(application), {"paid_on": "2026-11-02", "amount": "5 000"})
    assert response.status_code == 302
    response = client.post(
        payments_url(application), {"paid_on": "2026-11-20", "amount": "1000,50"}
    )
    assert response.status_code == 302
    page = text_of(client.get(payments_url(application)))
    assert "2 novembre 2026" in page and "20 novembre 2026" in page
    assert f"Versé 6{NNBSP}000,50{NBSP}€" in page
    assert f"Reste à verser 1{NNBSP}999,50{NBSP}€" in page
    assert envelope_of(application.aid).paid == Decimal("6000.50")
    payment = Payment.objects.get(amount_eur=Decimal("5000"))
    assert payment.recorded_by == agent
    assert history_changes(payment)  # the payment is in the history


def test_a_payment_beyond_the_amount_granted_is_refused_next_to_the_amount(login):
    application, agent = aid_with_envelope()
    accept(application, agent, Decimal("3000"))
    client = login(agent)
    client.post(payments_url(application), {"paid_on": "2026-11-02", "amount": "2500"})
    response = client.post(payments_url(application), {"paid_on": "2026-11-25", "amount": "600"})
    assert response.status_code == 400
    page = text_of(response)
    assert f"porterait le total versé à 3{NBSP}100,00 €, au-delà du montant accordé" in page
    assert 'value="600"' in response.content.decode()
    assert 'value="2026-11-25"' in response.content.decode()
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paid_on": "", "amount": "100"}, "Indiquez la date du versement."),
        ({"paid_on": "2026-13-45", "amount": "100"}, "Saisissez une date valide"),
        ({"paid_on": "1890-01-01", "amount": "100"}, "L'année doit être comprise entre"),
        ({"paid_on": "2026-11-02", "amount": "beaucoup"}, "Saisissez un montant en euros"),
        ({"paid_on": "2026-11-02", "amount": "-5"}, "Le montant ne peut pas être négatif."),
        ({"paid_on": "2026-11-02", "amount": "0"}, "Le montant versé doit être supérieur à 0 €."),
        ({"paid_on": "2026-11-02", "amount": "1,005"}, "au plus deux chiffres après la virgule"),
    ],
)
def test_bad_payments_get_a_french_message(login, data, message):
    application, agent = aid_with_envelope()
    accept(application, agent, Decimal("3000"))
    response = login(agent).post(payments_url(application), data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert not Payment.objects.exists()


def test_no_payment_on_an_application_not_accepted(login):
    application, agent = aid_with_envelope()
    client = login(agent)
    page = text_of(client.get(payments_url(application)))
    assert "Un versement s'enregistre sur une demande acceptée." in page
    assert "Enregistrer le versement" not in page
    response = client.post(payments_url(application), {"paid_on": "2026-11-02", "amount": "10"})
    assert response.status_code == 409
    assert "Un versement ne s'enregistre que sur une demande acceptée." in text_of(response)
    assert not Payment.objects.exists()
