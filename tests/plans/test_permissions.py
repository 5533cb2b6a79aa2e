"""Who reads and changes a plan and its follow-up, for every demo role: a plan of the
Nouvelle-Aquitaine cell with the DLA de la Creuse associated, targeting a structure in Aubusson
(23) and one in Bordeaux (33)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import escape

from aidess.plans.enums import PlanStatus
from aidess.plans.invitations import invitation_path
from aidess.territories.models import Commune
from tests.demo_roles import ROLES, Demo
from tests.factories import StructureFactory, StructureMembershipFactory
from tests.html import Page
from tests.plans.helpers import activate_now, make_plan, regional_agent

pytestmark = pytest.mark.django_db

# role → (plan page, Aubusson's line, Bordeaux's line, may change Aubusson's line)
EXPECTED = {
    "member": (404, 404, 404, 404),
    "advisor_dla_23": (200, 200, 404, 302),  # associated: its department only
    "advisor_france_active_75": (404, 404, 404, 404),
    "provider_75": (404, 404, 404, 404),
    "watch_regional_75": (200, 200, 200, 302),  # the plan's cell
    "watch_national": (200, 200, 200, 403),  # reads every plan, changes none it does not run
    "admin": (200, 200, 200, 302),
    "anonymous": (302, 302, 302, 302),  # to the login page
}


def test_every_demo_role_is_checked():
    assert set(EXPECTED) == set(ROLES)


@pytest.fixture
def demo():
    return Demo()


@pytest.fixture
def plan(demo):
    agent = demo["watch_regional_75"]
    StructureFactory(name="Théâtre de Bordeaux", commune=Commune.objects.get(code="33063"))
    plan = make_plan(agent, region="75", name="Plan culture Nouvelle-Aquitaine")
    plan.organizations.add(demo["advisor_dla_23"].organization_memberships.get().organization)
    return activate_now(plan, agent)


def status_of(client, user, path, method="get"):
    if user.is_authenticated:
        client.force_login(user)
    else:
        client.logout()
    return getattr(client, method)(path).status_code


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_reads_and_follows_what_it_may(client, demo, plan, role):
    aubusson = plan.targets.get(structure=demo.aubusson)
    bordeaux = plan.targets.get(structure__name="Théâtre de Bordeaux")
    user = demo[role]
    base = f"/plans/{plan.pk}"

    seen = (
        status_of(client, user, f"{base}/"),
        status_of(client, user, f"{base}/structures/{aubusson.pk}/"),
        status_of(client, user, f"{base}/structures/{bordeaux.pk}/"),
        status_of(client, user, f"{base}/structures/{aubusson.pk}/contact/", "post"),
    )

    assert seen == EXPECTED[role]


def test_an_associated_organisation_lists_only_its_territory(client, demo, plan):
    client.force_login(demo["advisor_dla_23"])

    page = Page(client.get(f"/plans/{plan.pk}/structures/").content.decode()).all_text

    assert demo.aubusson.name in page
    assert "Théâtre de Bordeaux" not in page
    assert "Nouveau plan" not in client.get("/plans/").content.decode()


def test_an_agent_of_another_region_finds_nothing(client, demo, plan):
    client.force_login(regional_agent(region="32"))
    line = plan.targets.first()

    assert "Plan culture Nouvelle-Aquitaine" not in client.get("/plans/").content.decode()
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/structures/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/structures/{line.pk}/").status_code == 404
    assert client.post(f"/plans/{plan.pk}/activer/").status_code == 404


def test_only_the_cell_edits_a_draft_and_only_agents_create(client, demo):
    draft = make_plan(demo["watch_regional_75"], region="75")
    national = demo["watch_national"]

    assert status_of(client, national, f"/plans/{draft.pk}/modifier/") == 403
    assert status_of(client, national, f"/plans/{draft.pk}/activer/", "post") == 403
    assert status_of(client, demo["watch_regional_75"], f"/plans/{draft.pk}/modifier/") == 200
    assert status_of(client, demo["member"], "/plans/nouveau/") == 403
    assert status_of(client, demo["advisor_dla_23"], "/plans/nouveau/") == 403
    assert status_of(client, national, "/plans/nouveau/") == 200
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load plans_tags %}" + template).render(
        Context({"request": request, **context})
    )


def test_the_dashboard_section_is_for_agents_and_partners(demo, plan):
    for role in ("watch_regional_75", "watch_national", "advisor_dla_23"):
        assert "Plan culture Nouvelle-Aquitaine" in render("{% plans_home_section %}", demo[role])
    agent_section = render("{% plans_home_section %}", demo["watch_regional_75"])
    assert "2 structures suivies, 0 aidée" in agent_section
    assert "Nouveau plan" in agent_section
    partner_section = render("{% plans_home_section %}", demo["advisor_dla_23"])
    assert "1 structure suivie, 0 aidée" in partner_section
    for role in ("member", "provider_75", "advisor_france_active_75", "anonymous"):
        assert render("{% plans_home_section %}", demo[role]).strip() == ""


def test_a_structure_page_shows_its_members_the_invitations(demo, plan):
    line = plan.targets.get(structure=demo.aubusson)
    own = StructureMembershipFactory(structure=demo.aubusson).user
    tag = "{% plans_structure_invitations structure %}"

    shown = render(tag, own, structure=demo.aubusson)

    assert "Plan culture Nouvelle-Aquitaine" in shown
    assert invitation_path(line.pk) in shown
    assert render(tag, demo["watch_regional_75"], structure=demo.aubusson).strip() == ""
    assert render(tag, demo["member"], structure=demo.aubusson).strip() == ""


def test_the_home_page_shows_a_member_the_invitations_of_its_structures(demo, plan):
    line = plan.targets.get(structure=demo.aubusson)
    own = StructureMembershipFactory(structure=demo.aubusson).user

    shown = render("{% plans_structure_invitations %}", own)

    assert f"Plan culture Nouvelle-Aquitaine invite {escape(demo.aubusson.name)}" in shown
    assert invitation_path(line.pk) in shown
    assert render("{% plans_structure_invitations %}", demo["member"]).strip() == ""
