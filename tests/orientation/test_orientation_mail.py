"""The organisations a request goes to hear of it; the structure's contact hears of each step of
its handling. Sent once the change commits, one e-mail per address."""

import pytest
from django.db import transaction
from django.utils import timezone

from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import Recipient
from aidess.orientation.routing import refresh_status
from tests.orientation.relaunch_factories import (
    CONTACT,
    at,
    committed,
    help_request,
    member,
    network,
    organization,
    take,
)

pytestmark = pytest.mark.django_db
DLA_MEMBERS = {"lea@dla23.example", "marc@dla23.example", "direction@dla23.example"}


def test_a_new_recipient_s_active_members_are_told_with_a_link_to_the_card():
    net = network()
    other = organization("DLA du Nord", departments=["59"])
    member(other, "conseil@dla59.example")

    sent = committed(help_request, [net.dla], confirmed_at=timezone.now())

    assert set(sent) == DLA_MEMBERS  # not the former member, the deactivated account, the others
    message = sent["lea@dla23.example"][0]
    assert message.subject == (
        "AidESS — Nouvelle demande d'accompagnement : Compagnie des Lucioles"
    )
    recipient = Recipient.objects.get()
    assert f"http://127.0.0.1:8000/accompagnement/recues/{recipient.pk}/" in message.body
    assert "Structure : Compagnie des Lucioles (Aubusson)" in message.body
    assert "Besoins : Accompagnement, conseil, Financement de l'activité" in message.body
    assert "Pourquoi vous la recevez : Structure employeuse de la Creuse" in message.body
    assert "réduit sa subvention de moitié : l'activité s'arrête en mars." in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body  # plain text


def test_a_request_sent_without_an_account_reaches_its_recipients_once_confirmed():
    net = network()
    request = None

    def send():
        nonlocal request
        request = help_request([net.dla], confirmed_at=None)

    assert committed(send) == {}  # not before the e-mail address is confirmed

    def confirm():
        request.confirmed_at = timezone.now()
        request.save(update_fields=["confirmed_at"])
        refresh_status(request)

    assert set(committed(confirm)) == DLA_MEMBERS
    assert committed(confirm) == {}  # saved again: nobody hears of it twice


def test_recipients_chosen_then_confirmed_in_one_go_are_told_once():
    """As a signed-in member's request is sent: recipients first, then confirmed."""
    net = network()

    def send():
        request = help_request([net.dla], confirmed_at=None)
        request.confirmed_at = timezone.now()
        request.save(update_fields=["confirmed_at", "updated_at"])

    sent = committed(send)
    assert set(sent) == DLA_MEMBERS
    assert all(len(messages) == 1 for messages in sent.values())


def test_nothing_is_sent_for_a_change_rolled_back():
    net = network()

    def rolled_back():
        with pytest.raises(RuntimeError), transaction.atomic():
            help_request([net.dla], confirmed_at=timezone.now())
            raise RuntimeError

    assert committed(rolled_back) == {}


def test_the_contact_hears_who_took_the_request_and_how_it_closed():
    net = network()
    request = help_request([net.dla], confirmed_at=at(2026, 11, 30))
    recipient = request.recipients.get()
    lea = net.advisors[0]
    lea.first_name, lea.last_name = "Léa", "Dubois"
    lea.save()

    sent = committed(take, recipient, lea)
    assert set(sent) == {CONTACT}
    message = sent[CONTACT][0]
    assert message.subject == (
        "AidESS — votre demande d'accompagnement : prise en charge par DLA de la Creuse"
    )
    assert "Votre demande est prise en charge par DLA de la Creuse." in message.body
    assert "Votre interlocuteur : Léa Dubois, lea@dla23.example." in message.body

    comment = "Diagnostic partagé le 15 décembre, puis accompagnement par un consultant."
    sent = committed(ORIENTATION_LIFECYCLE.apply, recipient, "propose_help", lea, comment)
    message = sent[CONTACT][0]
    assert message.subject.endswith(": clôturée par DLA de la Creuse")
    assert "DLA de la Creuse a clôturé votre demande en vous proposant une aide." in message.body
    assert f"Aide proposée :\n{comment}" in message.body


def test_a_request_not_for_them_is_redirected_and_both_sides_are_told():
    net = network()
    guidasso = organization("Guid'Asso Creuse", departments=["23"])
    member(guidasso, "accueil@guidasso23.example")
    request = help_request([net.dla], confirmed_at=at(2026, 11, 30))
    recipient = request.recipients.get()

    def decline_and_redirect():
        ORIENTATION_LIFECYCLE.apply(
            recipient, "decline", net.advisors[0], "Besoin de bénévolat, pas d'emploi."
        )
        Recipient.objects.create(request=request, organization=guidasso, redirected_from=recipient)

    sent = committed(decline_and_redirect)
    assert set(sent) == {CONTACT, "accueil@guidasso23.example"}
    contact = sent[CONTACT][0]
    assert contact.subject.endswith(": réorientation par DLA de la Creuse")
    assert "Motif :\nBesoin de bénévolat, pas d'emploi." in contact.body
    assert "Votre demande est transmise à : Guid'Asso Creuse." in contact.body
    redirected = sent["accueil@guidasso23.example"][0]
    assert "DLA de la Creuse vous a réorienté une demande d'accompagnement." in redirected.body
