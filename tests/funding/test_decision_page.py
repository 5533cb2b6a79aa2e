"""The decision page: an instructor accepts with an amount, refuses, closes, reopens; errors in
French next to their field with what was typed kept; a stale page is refused (409)."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from aidess.applications.decisions import (
    accept,
    decision_panel_context,
    envelope_of,
    record_payment,
)
from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import Application
from tests.factories import applicant
from tests.funding.helpers import aid_with_envelope, another, decision_url, text_of
from tests.html import Page

pytestmark = pytest.mark.django_db

NNBSP, NBSP = "\u202f", "\xa0"


def version_of(application):
    return Application.objects.get(pk=application.pk).version


def post(client, application, action, version=None, **fields):
    data = {"action": action, "version": version or version_of(application)}
    data.update({f"{action}-{name}": value for name, value in fields.items()})
    return client.post(decision_url(application), data)


def test_an_instructor_accepts_with_an_amount_and_the_envelope_moves(login):
    application, agent = aid_with_envelope("15000")
    client = login(agent)
    page = client.get(decision_url(application))
    assert page.status_code == 200
    text = text_of(page)
    assert (
        f"15{NNBSP}000{NBSP}€" in text and "Engagée à 0 %" not in text
    )  # label says « engagée à 0 % »
    assert "Accepter la demande" in text and "Refuser la demande" in text

    response = post(client, application, "accept", amount="12 000", conditions="Rapport final")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert application.amount_granted_eur == Decimal("12000")
    assert application.decision_conditions == "Rapport final"
    assert application.decided_by == agent

    text = text_of(client.get(decision_url(application)))
    assert "Demande acceptée : 12" in text
    assert "Enveloppe engagée à 80 %" in text
    assert f"Reste à engager 3{NNBSP}000{NBSP}€" in text
    assert "Rouvrir le dossier" in text and "Accepter la demande" not in text


def test_a_bad_amount_is_refused_next_to_its_field_and_the_conditions_are_kept(login):
    application, agent = aid_with_envelope()
    client = login(agent)
    response = post(client, application, "accept", amount="douze mille", conditions="Sous 1 an")
    assert response.status_code == 400
    text = text_of(response)
    assert "Saisissez un montant en euros, par exemple 12 500 ou 1 200,50." in text
    assert "Sous 1 an" in response.content.decode()
    assert 'value="douze mille"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.INSTRUCTION

    response = post(client, application, "accept", amount="0")
    assert response.status_code == 400
    assert "Le montant accordé doit être supérieur à 0 €." in text_of(response)


def test_beyond_the_envelope_the_page_says_by_how_much_and_asks_for_a_reason(login):
    application, agent = aid_with_envelope("10000")
    client = login(agent)
    assert post(client, application, "accept", amount="8000").status_code == 302
    second = another(application)
    response = post(client, second, "accept", amount="5000", conditions="Sous 6 mois")
    assert response.status_code == 409
    text = text_of(response)
    assert f"dépasse l'enveloppe de l'aide de 3{NBSP}000,00 €" in text
    assert "indiquez le motif du dépassement" in text
    assert 'value="5000"' in response.content.decode() and "Sous 6 mois" in text
    second.refresh_from_db()
    assert second.status == S.INSTRUCTION

    response = post(
        client, second, "accept", amount="5000", override_reason="Crédits de report votés"
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == S.ACCEPTED
    assert second.envelope_override_reason == "Crédits de report votés"
    text = text_of(client.get(decision_url(second)))
    assert "dépassée de 3" in text and "Crédits de report votés" in text


def test_refuse_close_and_reopen_need_a_reason_the_applicant_reads(login):
    application, agent = aid_with_envelope()
    client = login(agent)
    response = post(client, application, "refuse", reason="  ")
    assert response.status_code == 400
    assert "Motif du refus : ce champ est obligatoire." in text_of(response)
    assert post(client, application, "refuse", reason="Hors champ").status_code == 302
    application.refresh_from_db()
    assert application.status == S.REFUSED

    assert post(client, application, "reopen", reason="").status_code == 400
    assert post(client, application, "reopen", reason="Pièce reçue").status_code == 302
    application.refresh_from_db()
    assert application.status == S.INSTRUCTION
    assert post(client, application, "close", reason="Projet abandonné").status_code == 302
    application.refresh_from_db()
    assert application.status == S.CLOSED
    text = text_of(client.get(decision_url(application)))
    assert "Projet abandonné" in text and "Pièce reçue" in text and "Hors champ" in text


def test_a_decision_impossible_in_this_state_is_refused_in_french(login):
    application, agent = aid_with_envelope()
    application.status = S.SUBMITTED
    application.save()
    client = login(agent)
    text = text_of(client.get(decision_url(application)))
    assert "Passer en instruction" in text and "Accepter la demande" not in text
    response = post(client, application, "accept", amount="100")
    assert response.status_code == 409
    assert "« Accepter » n'est pas possible : la demande est « Déposée »." in text_of(response)
    response = client.post(decision_url(application), {"action": "publish", "version": 1})
    assert response.status_code == 400
    assert "Cette action n'existe pas : rechargez la page." in text_of(response)
    assert post(client, application, "instruct").status_code == 302
    application.refresh_from_db()
    assert application.status == S.INSTRUCTION


def test_a_stale_page_is_refused_with_what_was_typed_kept(login):
    application, agent = aid_with_envelope()
    client = login(agent)
    seen = version_of(application)
    colleague = Application.objects.get(pk=application.pk)  # another instructor's save
    colleague.decision_conditions = "Note du collègue"
    colleague.updated_by = agent
    colleague.save()
    response = post(
        client, application, "accept", version=seen, amount="4 000", conditions="Mes conditions"
    )
    assert response.status_code == 409
    text = text_of(response)
    assert "Vos modifications ne sont pas enregistrées" in text
    assert "Mes conditions" in text and 'value="4 000"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.INSTRUCTION
    # The page now carries the stored version: sending again applies the decision.
    response = post(client, application, "accept", amount="4 000", conditions="Mes conditions")
    assert response.status_code == 302


def test_the_panel_context_gives_the_inbox_the_decision_and_its_money():
    application, agent = aid_with_envelope("10000")
    accept(application, agent, Decimal("6000"), "Rapport final")
    record_payment(application, agent, Decimal("2500"), application.submitted_at.date())
    panel = decision_panel_context(Application.objects.get(pk=application.pk), agent)[
        "decision_panel"
    ]
    assert (panel.amount_granted, panel.paid, panel.left_to_pay) == (
        Decimal("6000"),
        Decimal("2500"),
        Decimal("3500"),
    )
    assert panel.envelope == envelope_of(application.aid)
    assert panel.may_decide and panel.may_pay


def test_the_panel_snippet_shows_the_decision_and_links_to_the_pages():
    application, agent = aid_with_envelope("10000")
    accept(application, agent, Decimal("6000"), "Rapport final")
    stored = Application.objects.get(pk=application.pk)
    html = render_to_string("funding/_decision_panel.html", decision_panel_context(stored, agent))
    text = Page(html).all_text
    assert f"Montant accordé : 6{NNBSP}000{NBSP}€" in text and "Conditions : Rapport final" in text
    assert f"reste 4{NNBSP}000{NBSP}€ à engager sur 10{NNBSP}000{NBSP}€ votés" in text
    assert f'href="/financement/demandes/{stored.pk}/decision/"' in html
    assert f'href="/financement/demandes/{stored.pk}/versements/"' in html
    assert "Enregistrer un versement" in text
    member_view = render_to_string(
        "funding/_decision_panel.html", decision_panel_context(stored, applicant(stored))
    )
    assert "Décider" not in member_view and "Acceptée" in member_view
