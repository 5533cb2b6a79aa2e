"""The applicant's members get an e-mail at each state change: what changed, the reason, the
amount of an acceptance, a link to the application; never a private note, nothing for a change
rolled back."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction

from aidess.aids.moderation import AID_LIFECYCLE
from aidess.applications.decisions import accept
from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Note
from aidess.notifications.links import application_path
from tests.factories import AidFactory, UserFactory
from tests.notifications.factories import application_with_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and the notifications its commit queues; the e-mails it sent."""

    def run(change, *args):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change(*args)
        return list(mail.outbox)

    return run


def test_each_state_change_reaches_every_active_member_with_its_reason(committed):
    application, chair, treasurer, agent = application_with_people(status=S.SUBMITTED)
    Note.objects.create(application=application, author=agent, body="Dossier fragile, à surveiller")
    apply = APPLICATION_LIFECYCLE.apply

    sent = committed(apply, application, "instruct", agent)
    assert sorted(message.to[0] for message in sent) == sorted([chair.email, treasurer.email])
    assert all(len(message.to) == 1 for message in sent)  # no member sees the others' addresses
    assert sent[0].subject == f"AidESS — demande {application.reference} : en instruction"
    assert "Déposée → En instruction" in sent[0].body

    sent = committed(apply, application, "request_correction", agent, "Le RIB est illisible.")
    assert len(sent) == 2
    assert sent[0].subject.endswith(": correction demandée")
    assert "Motif de la demande de correction :\nLe RIB est illisible." in sent[0].body
    assert "Répondez depuis la page de la demande" in sent[0].body

    sent = committed(apply, application, "answer_correction", chair, "RIB renvoyé, lisible.")
    assert len(sent) == 2  # the one who answered gets it too: a receipt
    assert "Votre réponse :\nRIB renvoyé, lisible." in sent[0].body

    sent = committed(accept, application, agent, Decimal("12000"), "Rapport d'activité sous un an")
    assert len(sent) == 2
    body = sent[0].body
    assert sent[0].subject.endswith(": acceptée")
    assert "Votre demande est acceptée." in body
    assert "Montant accordé : 12\u202f000\u00a0€" in body
    assert "Conditions : Rapport d'activité sous un an" in body
    assert f"http://127.0.0.1:8000{application_path(application)}" in body

    sent = committed(apply, application, "reopen", agent, "Erreur sur le montant")
    assert "Motif de la réouverture :\nErreur sur le montant" in sent[0].body
    for message in mail.outbox:
        assert "Dossier fragile" not in message.body


def test_a_refusal_gives_its_reason_and_a_withdrawal_needs_none(committed):
    application, chair, _, agent = application_with_people(status=S.INSTRUCTION)
    sent = committed(APPLICATION_LIFECYCLE.apply, application, "refuse", agent, "Hors critères")
    assert "Votre demande est refusée." in sent[0].body
    assert "Motif du refus :\nHors critères" in sent[0].body
    assert "Montant accordé" not in sent[0].body

    other, member, _, _ = application_with_people(status=S.SUBMITTED)
    sent = committed(APPLICATION_LIFECYCLE.apply, other, "withdraw", member)
    assert len(sent) == 2 and "Votre demande a été retirée." in sent[0].body
    assert "Motif" not in sent[0].body


def test_a_change_rolled_back_sends_nothing(committed):
    application, _, _, agent = application_with_people(status=S.SUBMITTED)

    def instruct_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            APPLICATION_LIFECYCLE.apply(application, "instruct", agent)
            raise RuntimeError("la suite a échoué")

    assert committed(instruct_then_fail) == []


def test_other_lifecycles_send_nothing(committed):
    aid = AidFactory(status="draft")
    admin = UserFactory(admin=True)
    assert committed(AID_LIFECYCLE.apply, aid, "publish", admin) == []
