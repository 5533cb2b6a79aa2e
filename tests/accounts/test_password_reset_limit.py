"""Password-reset e-mails are limited (3 an hour per address, 10 per IP), and the page never tells
whether an address exists or reached the limit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from aidess.accounts.models import PasswordResetRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")


def ask_reset(client, email, ip="127.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip, follow=True)


def test_fourth_request_within_the_hour_sends_nothing_and_looks_the_same(client):
    UserFactory(email="camille@exemple.fr")
    UserFactory(email="dominique@exemple.fr")
    first = ask_reset(client, "camille@exemple.fr")
    for typed in ["Camille@Exemple.fr", "CAMILLE@EXEMPLE.FR"]:  # the same account, whatever case
        ask_reset(client, typed, ip="192.0.2.1")
    assert len(mail.outbox) == 3

    fourth = ask_reset(client, "camille@exemple.fr", ip="198.51.100.7")

    assert len(mail.outbox) == 3, "no fourth e-mail, even from another address"
    assert fourth.redirect_chain == first.redirect_chain == [(DONE, 302)]
    assert fourth.content == first.content
    ask_reset(client, "dominique@exemple.fr")
    assert [message.to for message in mail.outbox[3:]] == [["dominique@exemple.fr"]]


def test_the_address_gets_e_mails_again_an_hour_after(client):
    UserFactory(email="camille@exemple.fr")
    for _ in range(4):
        ask_reset(client, "camille@exemple.fr")
    assert len(mail.outbox) == 3

    PasswordResetRequest.objects.update(
        requested_at=PasswordResetRequest.objects.earliest("requested_at").requested_at
        - timedelta(minutes=61)
    )
    ask_reset(client, "camille@exemple.fr")

    assert len(mail.outbox) == 4


def test_one_ip_asking_for_many_addresses_is_stopped_at_ten(client):
    for number in range(11):
        UserFactory(email=f"personne{number}@exemple.fr")
    for number in range(10):
        ask_reset(client, f"personne{number}@exemple.fr", ip="203.0.113.9")
    assert len(mail.outbox) == 10

    eleventh = ask_reset(client, "personne10@exemple.fr", ip="203.0.113.9")

    assert len(mail.outbox) == 10
    assert eleventh.redirect_chain == [(DONE, 302)]
    ask_reset(client, "personne10@exemple.fr", ip="192.0.2.1")
    assert mail.outbox[-1].to == ["personne10@exemple.fr"]


def test_a_limited_unknown_address_looks_like_a_known_one(client):
    UserFactory(email="camille@exemple.fr")
    for _ in range(3):
        ask_reset(client, "inconnu@exemple.fr")
    known = ask_reset(client, "camille@exemple.fr")

    limited_unknown = ask_reset(client, "inconnu@exemple.fr")

    assert [message.to for message in mail.outbox] == [["camille@exemple.fr"]]
    assert limited_unknown.redirect_chain == known.redirect_chain
    assert limited_unknown.content == known.content
