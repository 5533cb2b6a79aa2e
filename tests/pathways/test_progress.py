"""The rules of a DLA pathway (seed 004): who starts it, how long, the five steps in order, the
shared diagnosis the structure's leaders validate, an area with an action before coordination."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from aidess.lifecycles.models import TransitionLog
from aidess.orientation.enums import RecipientStatus
from aidess.pathways import progress
from aidess.pathways.enums import STEP_ORDER, PathwayKind, PathwayStatus, Step
from aidess.pathways.models import AreaOfChange
from tests.factories import OrganizationMembershipFactory, StructureFactory, UserFactory
from tests.pathways.helpers import dla_offer, in_six_months, move_to, started, taken_request

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def people():
    advisor = OrganizationMembershipFactory(organization__name="DLA de la Creuse")
    leader, member = UserFactory(), UserFactory()
    structure = StructureFactory(name="Compagnie des Lucioles", member=leader)
    structure.memberships.filter(user=leader).update(is_admin=True)
    structure.memberships.create(user=member, is_admin=False)
    recipient = taken_request(structure, advisor.organization, advisor.user)
    return {"advisor": advisor.user, "leader": leader, "member": member, "recipient": recipient}


def refused(message, call, *args, **kwargs):
    with pytest.raises(progress.PathwayRefused) as caught:
        call(*args, **kwargs)
    assert caught.value.message == message
    return caught.value


def test_start_creates_five_dated_steps_the_first_started_today(people):
    pathway = started(people["recipient"], people["advisor"])
    steps = list(pathway.steps.all())
    assert [row.step for row in steps] == STEP_ORDER
    assert steps[0].started_on == TODAY and all(row.started_on is None for row in steps[1:])
    assert pathway.current_step == Step.WELCOME and pathway.status == PathwayStatus.ACTIVE
    assert pathway.structure.name == "Compagnie des Lucioles"
    assert pathway.advisor == people["advisor"]


@pytest.mark.parametrize(
    "status", [RecipientStatus.WAITING, RecipientStatus.HELP_PROPOSED, RecipientStatus.NOT_FOR_ME]
)
def test_start_needs_the_request_taken_by_the_dla(people, status):
    recipient = people["recipient"]
    recipient.status = status
    recipient.save()
    refused(progress.NOT_TAKEN, started, recipient, people["advisor"])


def test_only_a_dla_starts_a_dla_pathway(people):
    recipient = people["recipient"]
    recipient.offer.delete()
    recipient.refresh_from_db()
    dla_offer(recipient.organization, scheme="france-active-accompagnement")
    refused(progress.NOT_DLA, started, recipient, people["advisor"])


def test_a_request_opens_one_pathway(people):
    started(people["recipient"], people["advisor"])
    refused(progress.ALREADY_STARTED, started, people["recipient"], people["advisor"])


def test_someone_outside_the_dla_cannot_start(people):
    with pytest.raises(PermissionDenied):
        started(people["recipient"], UserFactory())


@pytest.mark.parametrize(
    ("months", "days", "message"),
    [
        (2, -1, "Un parcours DLA dure au moins 2 mois : choisissez une fin après le "),
        (24, 1, "Un parcours DLA dure au plus 2 ans : choisissez une fin avant le "),
    ],
)
def test_a_pathway_lasts_two_months_to_two_years(people, months, days, message):
    end = progress.add_months(TODAY, months) + datetime.timedelta(days=days)
    with pytest.raises(progress.PathwayRefused) as caught:
        progress.start(people["recipient"], people["advisor"], PathwayKind.COLLECTIVE, end)
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize("months", [2, 24])
def test_the_bounds_are_accepted(people, months):
    end = progress.add_months(TODAY, months)
    pathway = progress.start(people["recipient"], people["advisor"], PathwayKind.COLLECTIVE, end)
    assert pathway.planned_end_on == end and pathway.kind == PathwayKind.COLLECTIVE


def test_only_the_current_step_is_completed(people):
    pathway = started(people["recipient"], people["advisor"])
    refused(
        "Seule l'étape en cours (« 1. Accueil ») peut être terminée.",
        progress.complete_step,
        pathway,
        Step.PLAN,
        people["advisor"],
    )


def test_a_step_ends_neither_before_it_started_nor_in_the_future(people):
    pathway = started(people["recipient"], people["advisor"])
    yesterday = TODAY - datetime.timedelta(days=1)
    refused(
        f"L'étape ne peut se terminer avant d'avoir commencé (le {TODAY:%d/%m/%Y}).",
        progress.complete_step,
        pathway,
        Step.WELCOME,
        people["advisor"],
        completed_on=yesterday,
    )
    refused(
        progress.IN_FUTURE,
        progress.complete_step,
        pathway,
        Step.WELCOME,
        people["advisor"],
        completed_on=TODAY + datetime.timedelta(days=1),
    )


def test_completing_a_step_dates_it_and_starts_the_next(people):
    pathway = started(people["recipient"], people["advisor"])
    pathway = progress.complete_step(
        pathway, Step.WELCOME, people["advisor"], " Premier rendez-vous "
    )
    welcome, diagnosis = pathway.steps.all()[:2]
    assert (welcome.completed_on, welcome.notes) == (TODAY, "Premier rendez-vous")
    assert diagnosis.started_on == TODAY and pathway.current_step == Step.DIAGNOSIS


def test_the_diagnosis_step_waits_for_the_structure_validation(people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = move_to(started(people["recipient"], advisor), Step.DIAGNOSIS, advisor, leader)
    refused(
        progress.DIAGNOSIS_NOT_VALIDATED, progress.complete_step, pathway, Step.DIAGNOSIS, advisor
    )
    progress.submit_diagnosis(pathway, advisor, "Revoir le modèle économique.")
    refused(
        progress.DIAGNOSIS_NOT_VALIDATED, progress.complete_step, pathway, Step.DIAGNOSIS, advisor
    )
    diagnosis = progress.validate_diagnosis(pathway, leader)
    assert diagnosis.validated_by == leader and diagnosis.is_validated
    assert progress.complete_step(pathway, Step.DIAGNOSIS, advisor).current_step == Step.PLAN


def test_the_diagnosis_is_written_at_step_two_with_conclusions(people):
    advisor = people["advisor"]
    pathway = started(people["recipient"], advisor)
    refused(progress.NOT_DIAGNOSIS_STEP, progress.submit_diagnosis, pathway, advisor, "Conclusions")
    pathway = progress.complete_step(pathway, Step.WELCOME, advisor)
    refused(progress.NO_CONCLUSIONS, progress.submit_diagnosis, pathway, advisor, "  ")


def test_only_the_structure_leaders_validate_and_once(people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = move_to(started(people["recipient"], advisor), Step.DIAGNOSIS, advisor, leader)
    refused(progress.NOT_SUBMITTED, progress.validate_diagnosis, pathway, leader)
    progress.submit_diagnosis(pathway, advisor, "Conclusions")
    for someone in (people["member"], advisor):
        with pytest.raises(PermissionDenied):
            progress.validate_diagnosis(pathway, someone)
    progress.validate_diagnosis(pathway, leader)
    refused(progress.ALREADY_VALIDATED, progress.validate_diagnosis, pathway, leader)
    refused(progress.ALREADY_VALIDATED, progress.submit_diagnosis, pathway, advisor, "Autre")


def test_remarks_send_the_diagnosis_back_to_the_advisor(people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = move_to(started(people["recipient"], advisor), Step.DIAGNOSIS, advisor, leader)
    diagnosis = progress.submit_diagnosis(pathway, advisor, "Conclusions")
    assert progress.diagnosis_state(diagnosis) == "submitted"
    refused(progress.NO_REMARKS, progress.comment_diagnosis, pathway, leader, " ")
    diagnosis = progress.comment_diagnosis(pathway, leader, "Le bénévolat manque.")
    assert progress.diagnosis_state(diagnosis) == "remarks"
    refused(progress.NOT_SUBMITTED, progress.validate_diagnosis, pathway, leader)
    diagnosis = progress.submit_diagnosis(pathway, advisor, "Conclusions, bénévolat compris")
    assert progress.diagnosis_state(diagnosis) == "submitted" and not diagnosis.structure_comment


def test_the_plan_needs_an_area_with_an_action(people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = move_to(started(people["recipient"], advisor), Step.PLAN, advisor, leader)
    refused(progress.NO_ACTION, progress.complete_step, pathway, Step.PLAN, advisor)
    AreaOfChange.objects.create(pathway=pathway, title="Gouvernance")
    refused(progress.NO_ACTION, progress.complete_step, pathway, Step.PLAN, advisor)


def test_planning_and_effects_come_at_their_steps(people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = started(people["recipient"], advisor)
    refused(progress.TOO_EARLY_TO_PLAN, progress.check_planning, pathway, advisor)
    refused(progress.NOT_FOLLOW_UP, progress.check_follow_up, pathway, advisor)
    pathway = move_to(pathway, Step.FOLLOW_UP, advisor, leader)
    progress.check_planning(pathway, advisor)
    progress.check_follow_up(pathway, advisor)


def test_the_fifth_step_completes_the_pathway_through_its_lifecycle(people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = move_to(started(people["recipient"], advisor), Step.FOLLOW_UP, advisor, leader)
    pathway = progress.complete_step(pathway, Step.FOLLOW_UP, advisor, "Bilan à 6 mois")
    assert pathway.status == PathwayStatus.COMPLETED and pathway.ended_on == TODAY
    assert all(row.completed_on == TODAY for row in pathway.steps.all())
    log = TransitionLog.objects.get(object_id=pathway.pk, transition="complete")
    assert (log.from_state, log.to_state, log.actor) == ("active", "completed", advisor)
    refused(progress.NOT_ACTIVE, progress.complete_step, pathway, Step.FOLLOW_UP, advisor)
    refused(progress.NOT_ACTIVE, progress.check_open, pathway, advisor)


def test_an_abandoned_pathway_no_longer_changes(people):
    advisor = people["advisor"]
    pathway = progress.abandon(started(people["recipient"], advisor), advisor, "Fusion")
    assert pathway.status == PathwayStatus.ABANDONED and pathway.ended_on == TODAY
    refused(progress.NOT_ACTIVE, progress.complete_step, pathway, Step.WELCOME, advisor)


def test_the_stepper_says_where_the_pathway_stands(people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = started(people["recipient"], advisor)
    assert progress.stepper(pathway) == {
        "title": "Accueil",
        "state": "Étape 1 sur 5",
        "number": 1,
        "total": 5,
        "next": "Diagnostic partagé",
    }
    pathway = move_to(pathway, Step.FOLLOW_UP, advisor, leader)
    assert progress.stepper(pathway)["next"] == ""
    assert progress.stepper(pathway)["state"] == "Étape 5 sur 5"


def test_add_months_keeps_the_end_of_month():
    assert progress.add_months(datetime.date(2026, 12, 31), 2) == datetime.date(2027, 2, 28)
    assert progress.add_months(datetime.date(2026, 11, 30), 24) == datetime.date(2028, 11, 30)


def test_in_six_months_is_within_the_bounds():
    progress.check_duration(TODAY, in_six_months())
