"""The advisor's answers through `handling`: each one checked by the lifecycle, logged, dated,
and the request's status derived again; « Pas pour nous » may redirect to an organisation that
covers the structure's place."""

import pytest

from aidess.lifecycles.machine import TransitionRefused
from aidess.orientation import handling
from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.enums import RequestStatus
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import Recipient
from tests.orientation.handling_factories import days_ago, help_request, network, send

pytestmark = pytest.mark.django_db


def test_taking_a_request_names_the_advisor_and_dates_the_first_answer():
    world = network()
    request = help_request(world.structure, sent=days_ago(2))
    dla, france_active = send(request, world.dla, world.france_active)
    assert request.status == RequestStatus.WAITING

    handling.take(dla, world.advisor)

    dla.refresh_from_db()
    request.refresh_from_db()
    assert (dla.status, dla.advisor, request.status) == (R.TAKING_CARE, world.advisor, "taken")
    assert dla.taken_at is not None and request.first_answer_at == dla.taken_at
    first = request.first_answer_at

    handling.take(france_active, world.france_active_advisor)
    request.refresh_from_db()
    assert request.first_answer_at == first  # the first answer stays the first
    [log] = ORIENTATION_LIFECYCLE.history(dla)
    assert (log.label, log.actor) == ("Prendre en charge", world.advisor)


def test_closing_with_help_proposed_closes_the_request_when_nobody_else_is_open():
    world = network()
    request = help_request(world.structure)
    dla = send(request, world.dla)
    handling.take(dla, world.advisor)

    handling.close(dla, world.advisor, "propose_help", "Accompagnement DLA sur 6 mois.")

    dla.refresh_from_db()
    request.refresh_from_db()
    assert dla.status == R.HELP_PROPOSED and dla.closed_at is not None
    assert request.status == RequestStatus.HELP_PROPOSED and request.closed_at is not None
    assert ORIENTATION_LIFECYCLE.history(dla)[-1].comment == "Accompagnement DLA sur 6 mois."


def test_closing_needs_its_comment_and_the_right_state():
    world = network()
    dla = send(help_request(world.structure), world.dla)
    with pytest.raises(TransitionRefused, match="impossible"):
        handling.close(dla, world.advisor, "propose_help", "Aide.")  # not taken yet
    handling.take(dla, world.advisor)
    with pytest.raises(TransitionRefused, match="obligatoire"):
        handling.close(dla, world.advisor, "no_help", "  ")
    with pytest.raises(TransitionRefused, match="inconnue"):
        handling.close(dla, world.advisor, "take", "x")
    dla.refresh_from_db()
    assert dla.status == R.TAKING_CARE and dla.closed_at is None


def test_someone_outside_the_organisation_cannot_take_it():
    world = network()
    dla = send(help_request(world.structure), world.dla)
    for outsider in (world.correze_advisor, world.manager, world.france_active_advisor):
        with pytest.raises(TransitionRefused) as refused:
            handling.take(dla, outsider)
        assert refused.value.status == 403
    dla.refresh_from_db()
    assert dla.status == R.WAITING and dla.advisor is None


def test_unreachable_from_waiting_is_an_answer():
    world = network()
    request = help_request(world.structure)
    dla = send(request, world.dla)
    handling.close(dla, world.advisor, "unreachable", "Trois appels sans réponse.")
    request.refresh_from_db()
    assert request.status == RequestStatus.UNREACHABLE
    assert request.first_answer_at is not None


def test_declining_with_a_redirection_sends_it_to_the_chosen_organisation():
    world = network()
    request = help_request(world.structure)
    dla = send(request, world.dla)
    choices = handling.redirection_choices(dla)
    # Covering Aubusson: France Active (region 75) and the regional DLA, not the Corrèze's.
    assert set(choices) == {world.france_active, world.regional}

    handling.decline(
        dla, world.advisor, "Besoin de financement, pas de conseil.", world.france_active
    )

    dla.refresh_from_db()
    request.refresh_from_db()
    new = Recipient.objects.get(request=request, organization=world.france_active)
    assert dla.status == R.NOT_FOR_ME and dla.closed_at is not None
    assert new.status == R.WAITING and new.redirected_from == dla
    assert new.reason == (
        "Réorientée par DLA de la Creuse (Dominique Lavergne) : "
        "Besoin de financement, pas de conseil."
    )
    assert new.offer.organization == world.france_active
    assert request.status == RequestStatus.WAITING  # France Active may still take it
    assert world.france_active not in handling.redirection_choices(new)


def test_declining_without_redirection_leaves_the_request_without_recipient():
    world = network()
    request = help_request(world.structure)
    dla = send(request, world.dla)
    handling.decline(dla, world.advisor, "Hors de notre champ.")
    request.refresh_from_db()
    assert request.status == RequestStatus.UNROUTED
    assert request.recipients.count() == 1


def test_a_redirection_outside_the_choices_is_refused_and_changes_nothing():
    world = network()
    request = help_request(world.structure)
    dla = send(request, world.dla)
    with pytest.raises(TransitionRefused, match="choisissez-en une"):
        handling.decline(dla, world.advisor, "Pas pour nous.", world.correze)
    dla.refresh_from_db()
    assert dla.status == R.WAITING and request.recipients.count() == 1
    with pytest.raises(TransitionRefused, match="Motif"):
        handling.decline(dla, world.advisor, " ")


def test_an_inactive_organisation_or_offer_is_no_redirection():
    world = network()
    dla = send(help_request(world.structure), world.dla)
    world.france_active.support_offers.update(is_active=False)
    world.regional.is_active = False
    world.regional.save()
    assert list(handling.redirection_choices(dla)) == []
