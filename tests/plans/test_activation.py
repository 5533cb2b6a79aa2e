"""A plan's targeting and activation: who it reaches, the outreach the queue creates."""

import pytest
from django.core import mail

from aidess.lifecycles.machine import TransitionRefused
from aidess.lifecycles.models import TransitionLog
from aidess.orientation.enums import ZoneKind
from aidess.plans.activation import create_outreach
from aidess.plans.enums import FollowUpStatus, PlanStatus
from aidess.plans.invitations import invitation_path
from aidess.plans.targeting import targeted_counts, targeted_structures
from aidess.territories.models import Commune
from aidess.watch.models import Follow
from tests.factories import StructureFactory, UserFactory
from tests.orientation.handling_factories import offer, support_organization
from tests.plans.helpers import activate_now, make_plan, regional_agent

pytestmark = pytest.mark.django_db


@pytest.fixture
def structures():
    """Two culture structures in the Nord (one with a member), one social structure in the
    Nord, one culture structure in Paris."""
    member = UserFactory(email="presidente@lucioles.fr")
    return {
        "with_member": StructureFactory(name="Les Lucioles", member=member, employees_fte=3),
        "silent": StructureFactory(name="Théâtre du Nord", employees_fte=2),
        "social": StructureFactory(sector="social"),
        "paris": StructureFactory(commune=Commune.objects.get(code="75056")),
    }


def test_the_targeted_count_before_activation_by_department_and_sector(structures):
    plan = make_plan(regional_agent())

    counts = targeted_counts(plan)

    assert counts["total"] == 2
    assert counts["by_department"][0]["department__code"] == "59"
    assert counts["by_sector"] == [{"sector": "culture", "total": 2}]
    assert plan.targets.count() == 0  # nothing created before activation


def test_a_structure_the_cell_follows_is_targeted_even_outside_the_criteria(structures):
    agent = regional_agent()
    plan = make_plan(agent, sectors=())
    plan.fte_min = 1
    plan.save()
    Follow.objects.create(cell=plan.cell, structure=structures["social"], started_by=agent)

    names = set(targeted_structures(plan).values_list("name", flat=True))

    assert {"Les Lucioles", "Théâtre du Nord", structures["social"].name} == names
    plan.include_followed = False
    plan.save()
    assert structures["social"] not in targeted_structures(plan)


def test_activation_creates_a_line_per_structure_and_mails_the_members(structures):
    agent = regional_agent()
    plan = activate_now(make_plan(agent), agent)

    assert plan.status == PlanStatus.ACTIVE
    assert plan.targeted_count == 2
    lines = {line.structure.name: line for line in plan.targets.select_related("structure")}
    assert set(lines) == {"Les Lucioles", "Théâtre du Nord"}
    assert all(line.status == FollowUpStatus.INVITED for line in lines.values())
    assert (
        lines["Les Lucioles"].invitation_mailed and not lines["Théâtre du Nord"].invitation_mailed
    )
    assert lines["Les Lucioles"].fte_at_activation == 3
    assert [message.to for message in mail.outbox] == [["presidente@lucioles.fr"]]
    assert invitation_path(lines["Les Lucioles"].pk) in mail.outbox[0].body
    log = TransitionLog.objects.filter(to_state=PlanStatus.ACTIVE).get()
    assert log.comment == "2 structures ciblées"


def test_a_second_run_of_the_outreach_changes_nothing(structures):
    agent = regional_agent()
    plan = activate_now(make_plan(agent), agent)

    assert create_outreach(plan.pk) == 0
    assert plan.targets.count() == 2
    assert len(mail.outbox) == 1


def test_activation_is_refused_without_measure_target_or_right(structures):
    agent = regional_agent()
    plan = make_plan(agent)
    with pytest.raises(TransitionRefused, match="Réservé|pas"):
        activate_now(plan, regional_agent(region="93"))
    plan.aids.clear()
    with pytest.raises(TransitionRefused, match="au moins une aide"):
        activate_now(plan, agent)
    plan = make_plan(agent, sectors=("environment",))
    with pytest.raises(TransitionRefused, match="Aucune structure"):
        activate_now(plan, agent)
    assert plan.targets.count() == 0


def test_the_member_opens_the_invitation_and_the_line_records_it(client, structures):
    agent = regional_agent()
    plan = activate_now(make_plan(agent), agent)
    line = plan.targets.get(structure=structures["with_member"])
    client.force_login(structures["with_member"].memberships.get().user)

    response = client.get(invitation_path(line.pk))

    assert response.status_code == 200
    assert "Faire l'autodiagnostic" in response.content.decode()
    line.refresh_from_db()
    assert line.opened_at is not None


def test_a_stranger_opening_the_invitation_is_offered_to_join_and_sees_no_measure(
    client, structures
):
    agent = regional_agent()
    plan = activate_now(make_plan(agent), agent)
    line = plan.targets.get(structure=structures["with_member"])
    client.force_login(UserFactory())

    page = client.get(invitation_path(line.pk)).content.decode()

    assert "Demander à rejoindre" in page or "demandez à la rejoindre" in page
    assert "Fonds d'urgence culture" not in page
    line.refresh_from_db()
    assert line.opened_at is None
    assert client.get("/plans/invitation/forged/").status_code == 404


def test_the_invitation_lists_only_the_support_offers_near_the_structure(client, structures):
    nord = support_organization("DLA du Nord", departments=["59"])
    correze = support_organization("DLA de la Corrèze", departments=["19"])
    agent = regional_agent()
    plan = make_plan(agent)
    plan.support_offers.add(
        offer(nord, ZoneKind.DEPARTMENT, ["59"]), offer(correze, ZoneKind.DEPARTMENT, ["19"])
    )
    plan = activate_now(plan, agent)
    line = plan.targets.get(structure=structures["with_member"])
    client.force_login(structures["with_member"].memberships.get().user)

    page = client.get(invitation_path(line.pk)).content.decode()

    assert "DLA du Nord" in page
    assert "DLA de la Corrèze" not in page


def test_a_followed_structure_without_a_sector_is_kept_by_a_sector_plan(structures):
    agent = regional_agent()
    plan = make_plan(agent)
    unknown = StructureFactory(name="Filed from Sirene", sector="")
    Follow.objects.create(cell=plan.cell, structure=unknown, started_by=agent)
    Follow.objects.create(cell=plan.cell, structure=structures["social"], started_by=agent)

    targeted = set(targeted_structures(plan))

    assert unknown in targeted
    assert structures["social"] not in targeted  # its sector is known and not the plan's
