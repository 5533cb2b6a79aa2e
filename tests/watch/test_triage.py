"""Triage of an alert through its lifecycle: who may do what, what each step records."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aidess.lifecycles.machine import TransitionRefused
from aidess.organizations.models import Organization
from aidess.orientation.enums import RecipientStatus, RequestStatus
from aidess.watch import triage
from aidess.watch.enums import (
    AlertCause,
    AlertStatus,
    EscalationReason,
    NationalResource,
    Resolution,
)
from aidess.watch.lifecycle import ALERT_LIFECYCLE
from aidess.watch.models import Follow
from tests.demo_roles import Demo
from tests.factories import StructureFactory
from tests.watch.helpers import NATIONAL_CELL, REGIONAL_CELL, cell, file

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return Demo()


def test_regional_cell_files_an_alert_in_its_region(demo):
    alert = file(demo, demo.aubusson, amount_at_stake_eur=Decimal("45000"))
    assert alert.status == AlertStatus.NEW
    assert alert.cell.name == REGIONAL_CELL
    assert (alert.region_id, alert.department_id) == ("75", "23")
    assert alert.created_by == demo["watch_regional_75"]


def test_regional_cell_cannot_file_outside_its_region(demo):
    with pytest.raises(TransitionRefused, match="hors du territoire"):
        file(demo, demo.paris)


def test_national_cell_files_for_the_regional_cell_of_the_structure(demo):
    assert file(demo, demo.aubusson, role="watch_national").cell.name == REGIONAL_CELL


def test_national_cell_keeps_an_alert_of_a_region_without_cell(demo):
    assert file(demo, demo.paris, role="watch_national").cell.name == NATIONAL_CELL


def test_only_members_of_the_cell_file(demo):
    with pytest.raises(TransitionRefused, match="pas membre"):
        triage.file_alert(
            cell(REGIONAL_CELL), demo.aubusson, demo["advisor_dla_23"], cause=AlertCause.OTHER
        )


def test_a_bad_cause_is_refused_in_french(demo):
    with pytest.raises(ValidationError) as error:
        file(demo, demo.aubusson, cause="bankruptcy")
    assert "cause" in error.value.message_dict


def test_qualify_orient_escalate_answer(demo):
    agent, national = demo["watch_regional_75"], demo["watch_national"]
    alert = file(demo, demo.aubusson, description="Baisse de 40 % de la subvention.")
    triage.qualify(alert, agent)
    assert alert.status == AlertStatus.QUALIFIED

    dla = Organization.objects.get(name="DLA de la Creuse")
    help_request = triage.orient(alert, agent, [dla], "Besoin d'un DLA restructuration.")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.IN_HANDLING
    assert list(alert.help_requests.all()) == [help_request]
    assert help_request.status == RequestStatus.WAITING
    assert help_request.contact_email == agent.email
    recipient = help_request.recipients.get()
    assert (recipient.organization, recipient.status) == (dla, RecipientStatus.WAITING)
    assert recipient.reason == f"Orientée par {REGIONAL_CELL}"

    triage.escalate(alert, agent, EscalationReason.BEYOND_REGIONAL_MEANS, "Trop gros.")
    assert (alert.status, alert.escalation_reason) == (
        AlertStatus.ESCALATED,
        "beyond_regional_means",
    )

    with pytest.raises(TransitionRefused, match="cellule nationale"):
        triage.answer(alert, agent, [NationalResource.PRET_RELAIS], "Moi-même")
    triage.answer(alert, national, [NationalResource.PRET_RELAIS], "Prêt relais mobilisé.")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.IN_HANDLING
    assert alert.national_resources == ["pret-relais-solidaire"]
    names = [log.transition for log in ALERT_LIFECYCLE.logs([alert]).order_by("pk")]
    assert names == ["qualify", "orient", "escalate", "answer"]


def test_orienting_to_an_organisation_not_covering_the_structure_is_refused(demo):
    alert = file(demo, demo.aubusson)
    elsewhere = Organization.objects.create(
        name="DLA du Nord", kind="support", scope_level="departmental"
    )
    elsewhere.departments.set(["59"])
    with pytest.raises(ValidationError, match="couvrent le territoire"):
        triage.orient(alert, demo["watch_regional_75"], [elsewhere])
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NEW and not alert.help_requests.exists()


def test_national_cell_cannot_qualify_a_regional_alert(demo):
    alert = file(demo, demo.aubusson)
    with pytest.raises(TransitionRefused) as refusal:
        triage.qualify(alert, demo["watch_national"])
    assert refusal.value.status == 403


def test_resolve_needs_an_issue_and_a_comment(demo):
    agent = demo["watch_regional_75"]
    alert = file(demo, demo.aubusson)
    with pytest.raises(ValidationError):
        triage.resolve(alert, agent, "", "fait")
    with pytest.raises(TransitionRefused, match="obligatoire"):
        triage.resolve(alert, agent, Resolution.SAVED, " ")
    triage.resolve(alert, agent, Resolution.SAVED, "Subvention rétablie.")
    alert.refresh_from_db()
    assert (alert.status, alert.resolution) == (AlertStatus.RESOLVED, "saved")
    with pytest.raises(TransitionRefused, match="impossible"):
        triage.escalate(alert, agent, EscalationReason.SEVERAL_REGIONS, "trop tard")


def test_escalation_reason_is_required(demo):
    alert = file(demo, demo.aubusson)
    with pytest.raises(ValidationError, match="motif"):
        triage.escalate(alert, demo["watch_regional_75"], "whim", "x")


def test_follow_then_unfollow_with_reason_and_actions(demo):
    agent = demo["watch_regional_75"]
    regional = cell(REGIONAL_CELL)
    follow = triage.follow(regional, demo.aubusson, agent, "Fragilité signalée par le réseau.")
    with pytest.raises(TransitionRefused, match="déjà"):
        triage.follow(regional, demo.aubusson, agent, "encore")
    with pytest.raises(ValidationError) as error:
        triage.unfollow(follow, agent, "Situation rétablie.", "")
    assert set(error.value.message_dict) == {"actions_taken"}
    triage.unfollow(follow, agent, "Situation rétablie.", "DLA mobilisé, prêt relais.")
    follow.refresh_from_db()
    assert follow.ended_at is not None and follow.ended_by == agent
    assert not Follow.objects.filter(ended_at__isnull=True).exists()


def test_follow_outside_the_zone_is_refused(demo):
    with pytest.raises(TransitionRefused, match="hors du territoire"):
        triage.follow(cell(REGIONAL_CELL), demo.paris, demo["watch_regional_75"], "Curiosité")


def test_comment_is_kept_and_empty_refused(demo):
    agent, regional = demo["watch_regional_75"], cell(REGIONAL_CELL)
    with pytest.raises(ValidationError):
        triage.add_comment(regional, demo.aubusson, agent, "  ")
    comment = triage.add_comment(regional, demo.aubusson, agent, "Appel au trésorier demain.")
    assert comment.author == agent and comment.structure == demo.aubusson


def test_filing_on_another_structure_leaves_others_untouched(demo):
    other = StructureFactory(name="Autre", commune_id="23008")
    file(demo, demo.aubusson)
    assert not other.alerts.exists()
