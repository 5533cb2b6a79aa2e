"""The lifecycle pattern (aidess/lifecycles/machine.py) on a toy lifecycle over a real model: what
a new lifecycle of the next issues gets for free (checks, French refusals, one log per change)."""

import datetime
import json

import pytest
from django.utils import timezone

from aidess.aids.enums import AidStatus
from aidess.api.v1 import api
from aidess.lifecycles.machine import Lifecycle, Transition, TransitionRefused
from aidess.lifecycles.models import TransitionLog
from tests.aids.helpers import make_aid
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user, obj):
    return user is not None


def staff(user, obj):
    return user is not None and user.is_staff


def platform(user, obj):
    return user is None


TOY = Lifecycle(
    AidStatus,
    [
        Transition("submit", "Soumettre", {AidStatus.DRAFT}, AidStatus.SUBMITTED, signed_in),
        Transition(
            "refuse", "Refuser", {AidStatus.SUBMITTED}, AidStatus.REFUSED, staff, comment="Motif"
        ),
        Transition(
            "expire", "Expirer", {AidStatus.SUBMITTED}, AidStatus.CLOSED, platform, offered=False
        ),
    ],
)


@pytest.fixture
def draft():
    aid = make_aid("Aide d'essai", status=AidStatus.DRAFT)
    aid.updated_at = timezone.now() - datetime.timedelta(days=3)
    aid.save(update_fields=["updated_at"])
    return aid


def refusal(call):
    with pytest.raises(TransitionRefused) as refused:
        call()
    return refused.value.status, refused.value.message


def test_a_transition_changes_the_stored_state_and_logs_who_when_from_to_why(draft):
    person = UserFactory(first_name="Inès", last_name="Roux")
    before = timezone.now()

    log = TOY.apply(draft, "submit", person, comment="  Prête.  ")

    draft.refresh_from_db()
    assert draft.status == AidStatus.SUBMITTED
    assert draft.updated_at >= before  # auto_now fields are saved with the state
    assert (log.subject, log.actor, log.from_state, log.to_state, log.comment) == (
        draft,
        person,
        "draft",
        "submitted",
        "Prête.",
    )
    assert log.created_at >= before
    assert log.actor_name == "Inès Roux"


def test_from_a_state_it_does_not_leave_a_transition_is_refused_in_french(draft):
    status, message = refusal(lambda: TOY.apply(draft, "refuse", UserFactory(is_staff=True), "x"))

    assert status == 409
    assert message == (
        "Action « Refuser » impossible : l'état est « Brouillon » "
        "(il faut « Soumise à modération »)."
    )
    draft.refresh_from_db()
    assert draft.status == AidStatus.DRAFT
    assert not TransitionLog.objects.exists()


def test_someone_the_rule_does_not_allow_is_refused(draft):
    TOY.apply(draft, "submit", UserFactory())

    status, message = refusal(lambda: TOY.apply(draft, "refuse", UserFactory(), "Incomplète"))

    assert (status, message) == (403, "Cette action (« Refuser ») ne vous est pas permise.")
    assert TransitionLog.objects.count() == 1


@pytest.mark.parametrize("comment", ["", "   \n"])
def test_a_required_comment_must_be_written(draft, comment):
    TOY.apply(draft, "submit", UserFactory())

    status, message = refusal(lambda: TOY.apply(draft, "refuse", UserFactory(is_staff=True)))

    assert (status, message) == (400, "Motif : ce champ est obligatoire.")
    draft.refresh_from_db()
    assert draft.status == AidStatus.SUBMITTED


def test_an_unknown_transition_is_refused(draft):
    assert refusal(lambda: TOY.apply(draft, "publier", UserFactory())) == (
        400,
        "Action inconnue : « publier ».",
    )


def test_the_stored_state_decides_not_a_stale_copy(draft):
    """Two people press the same button from two open pages: the second is refused, one log."""
    first_page, second_page = type(draft).objects.get(pk=draft.pk), draft
    TOY.apply(first_page, "submit", UserFactory())

    status, _message = refusal(lambda: TOY.apply(second_page, "submit", UserFactory()))

    assert status == 409
    assert TransitionLog.objects.count() == 1


def test_the_platform_acts_without_a_person(draft):
    TOY.apply(draft, "submit", UserFactory())

    log = TOY.apply(draft, "expire", None, comment="délai dépassé")

    assert (log.actor, log.actor_name, log.to_state) == (None, "AidESS (automatique)", "closed")
    assert refusal(lambda: TOY.apply(draft, "expire", UserFactory()))[0] == 409


def test_available_lists_the_buttons_of_the_person_from_the_current_state(draft):
    staff_user = UserFactory(is_staff=True)
    assert [t.name for t in TOY.available(draft, staff_user)] == ["submit"]
    TOY.apply(draft, "submit", staff_user)
    # "expire" is the platform's and never a button; "submit" no longer applies.
    assert [t.name for t in TOY.available(draft, staff_user)] == ["refuse"]
    assert TOY.available(draft, UserFactory()) == []


def test_history_reads_with_labels_and_the_last_refusal_is_found(draft):
    admin = UserFactory(is_staff=True)
    TOY.apply(draft, "submit", admin)
    TOY.apply(draft, "refuse", admin, "Territoire manquant")
    other = make_aid("Autre aide", status=AidStatus.DRAFT)

    history = TOY.history(draft)

    assert [(e.from_label, e.to_label, e.label) for e in history] == [
        ("Brouillon", "Soumise à modération", "Soumettre"),
        ("Soumise à modération", "Refusée", "Refuser"),
    ]
    assert TOY.history(other) == []
    reasons = TOY.last_into([draft, other], AidStatus.REFUSED)
    assert {pk: log.comment for pk, log in reasons.items()} == {draft.pk: "Territoire manquant"}


def test_the_api_answers_a_refusal_in_french_json_with_its_status(draft, rf):
    """Any endpoint of /api/v1/ that lets a refusal through gets this answer, nothing to write."""
    with pytest.raises(TransitionRefused) as refused:
        TOY.apply(draft, "refuse", UserFactory(is_staff=True), "Incomplète")

    response = api.on_exception(rf.post("/api/v1/"), refused.value)

    assert response.status_code == 409
    assert json.loads(response.content) == {
        "error": "Action « Refuser » impossible : l'état est « Brouillon » "
        "(il faut « Soumise à modération »)."
    }
