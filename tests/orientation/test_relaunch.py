"""A request nobody takes is relaunched to its recipients after 3 working days, to their
managers after 9 and signalled to the regional watch cell after 21, each step once, the
structure's contact told each time; a request taken is left alone. The clock is the day given
to the daily job."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from aidess.history.models import AuditEntry
from aidess.organizations.enums import OrganizationKind
from aidess.orientation.enums import Relaunch
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import HelpRequest
from aidess.orientation.permissions import requests_visible_to
from aidess.orientation.relaunch import relaunch_requests
from aidess.orientation.routing import refresh_status
from aidess.territories.models import Commune
from aidess.watch.enums import AlertSource
from aidess.watch.models import Alert
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


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def job(day):
    """The daily job run for `day`: the e-mails it sent, by address."""
    return committed(relaunch_requests, day)


def emails(net):
    return {
        "advisors": {user.email for user in net.advisors},
        "admin": net.admin.email,
        "head": net.head_member.email,
        "watch": net.watch_agent.email,
    }


def test_an_untaken_request_is_relaunched_then_escalated_each_step_once():
    net = network()
    who = emails(net)
    request = help_request([net.dla], confirmed_at=at(2026, 11, 30))  # a Monday

    for day in days(date(2026, 12, 1), date(2026, 12, 3)):
        assert job(day) == {}, day
    sent = job(date(2026, 12, 4))  # Tue, Wed, Thu have gone by
    assert set(sent) == who["advisors"] | {who["admin"], CONTACT}
    message = sent["lea@dla23.example"][0]
    assert message.subject == (
        "AidESS — Relance : demande d'accompagnement de Compagnie des Lucioles en attente"
    )
    assert "attend depuis 3 jours ouvrés" in message.body
    card = f"http://127.0.0.1:8000/accompagnement/recues/{request.recipients.get().pk}/"
    assert card in message.body
    assert "les responsables de votre organisation en seront avertis" in message.body
    contact = sent[CONTACT][0].body
    assert "Nous avons relancé DLA de la Creuse." in contact
    assert "Si personne ne l'a prise en charge d'ici le 12 décembre 2026" in contact
    assert job(date(2026, 12, 4)) == {}  # the same day again: nothing more

    for day in days(date(2026, 12, 5), date(2026, 12, 11)):
        assert job(day) == {}, day
    sent = job(date(2026, 12, 12))  # 9 working days
    assert set(sent) == {who["head"], who["admin"], CONTACT}
    assert "prise en charge par personne depuis 9 jours ouvrés." in sent[who["head"]][0].body
    assert "Nous avons averti les responsables de DLA de la Creuse." in sent[CONTACT][0].body
    assert "d'ici le 31 décembre 2026, nous la signalerons" in sent[CONTACT][0].body
    assert request not in requests_visible_to(net.watch_agent)

    for day in days(date(2026, 12, 13), date(2026, 12, 30)):  # Christmas does not count
        assert job(day) == {}, day
    sent = job(date(2026, 12, 31))  # 21 working days
    assert set(sent) == {who["watch"], CONTACT}
    watch = sent[who["watch"]][0]
    assert watch.subject == (
        "AidESS — Structure sans réponse : demande d'accompagnement de Compagnie des Lucioles"
    )
    assert "Destinataires qui ne l'ont pas prise en charge : DLA de la Creuse" in watch.body
    assert "Claire Martin — contact@lucioles.example" in watch.body
    assert "/accompagnement/recues/" not in watch.body  # the card is not theirs to open
    assert "Nous l'avons signalée à Cellule de veille Nouvelle-Aquitaine" in sent[CONTACT][0].body
    for day in days(date(2026, 12, 31), date(2027, 2, 1)):
        assert job(day) == {}, day

    request.refresh_from_db()
    assert request.relaunch == Relaunch.WATCH_CELL
    # …and it is an alert of the regional cell (issue 15), once.
    alert = Alert.objects.get(source=AlertSource.ORIENTATION)
    assert alert.cell.name == "Cellule de veille Nouvelle-Aquitaine"
    assert (alert.structure, list(alert.help_requests.all())) == (request.structure, [request])
    assert "restée sans réponse après 21 jours ouvrés" in alert.description
    assert request in requests_visible_to(net.watch_agent)
    assert request not in requests_visible_to(net.other_watch_agent)
    history = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(HelpRequest),
        object_id=request.pk,
        action=AuditEntry.Action.UPDATE,
    ).order_by("timestamp", "pk")
    levels = [entry.changes["relaunch"][1] for entry in history if "relaunch" in entry.changes]
    assert levels == ["1", "2", "3"]


def test_a_request_taken_on_the_second_day_is_never_relaunched():
    net = network()
    request = help_request([net.dla], confirmed_at=at(2026, 11, 30))
    take(request.recipients.get(), net.advisors[0], at(2026, 12, 2))

    for day in days(date(2026, 12, 1), date(2027, 1, 31)):
        assert job(day) == {}, day
    request.refresh_from_db()
    assert request.relaunch == Relaunch.NONE
    assert request not in requests_visible_to(net.watch_agent)


def test_ascension_pushes_the_first_relaunch_to_the_next_tuesday():
    net = network()
    help_request([net.dla], confirmed_at=at(2026, 5, 12))  # Tuesday before Ascension

    for day in days(date(2026, 5, 13), date(2026, 5, 18)):
        assert job(day) == {}, day
    assert CONTACT in job(date(2026, 5, 19))


def test_a_job_that_did_not_run_goes_straight_to_the_level_due_once():
    net = network()
    who = emails(net)
    request = help_request([net.dla], confirmed_at=at(2026, 11, 2))

    assert set(job(date(2026, 12, 3))) == {who["watch"], CONTACT}  # 22 working days on
    request.refresh_from_db()
    assert request.relaunch == Relaunch.WATCH_CELL


def test_only_the_recipients_still_waiting_are_relaunched():
    net = network()
    guidasso = organization("Guid'Asso Creuse", departments=["23"])
    member(guidasso, "accueil@guidasso23.example")
    request = help_request([net.dla, guidasso], confirmed_at=at(2026, 11, 30))
    declined = request.recipients.get(organization=guidasso)
    ORIENTATION_LIFECYCLE.apply(
        declined, "decline", declined.organization.members.get(), "Hors champ"
    )

    sent = job(date(2026, 12, 4))
    assert "accueil@guidasso23.example" not in sent
    assert "lea@dla23.example" in sent
    assert "Nous avons relancé DLA de la Creuse." in sent[CONTACT][0].body


def test_unconfirmed_and_unrouted_requests_are_not_relaunched():
    net = network()
    help_request([net.dla], confirmed_at=None)
    declined = help_request([net.dla], confirmed_at=at(2026, 11, 30))
    recipient = declined.recipients.get()
    ORIENTATION_LIFECYCLE.apply(recipient, "decline", net.advisors[0], "Hors champ")
    refresh_status(declined)  # as the handling's decline does: no recipient left

    assert job(date(2027, 1, 31)) == {}
    assert set(HelpRequest.objects.values_list("relaunch", flat=True)) == {Relaunch.NONE}


def test_without_a_regional_cell_the_national_cell_is_told():
    net = network()
    national = organization("Cellule nationale de veille", OrganizationKind.WATCH_CELL)
    national.scope_level = "national"
    national.save()
    agent = member(national, "veille@national.example")
    request = help_request([net.dla], confirmed_at=at(2026, 11, 2))
    request.structure.commune = Commune.objects.get(code="35238")  # Rennes, Bretagne
    request.structure.save()

    sent = job(date(2026, 12, 3))
    assert set(sent) == {"veille@national.example", CONTACT}
    assert request in requests_visible_to(agent)
    assert request not in requests_visible_to(net.watch_agent)
