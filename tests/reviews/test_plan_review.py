"""A plan's review: its targeted structures granted one of its aids in its period, its lines
« Aidée » with a support offer, the DLA pathways completed; API and command."""

import datetime
import json
from decimal import Decimal

import pytest

from aidess.organizations.enums import OrganizationKind
from aidess.orientation.enums import ZoneKind
from aidess.orientation.models import SupportOffer
from aidess.pathways.enums import PathwayStatus
from aidess.pathways.models import Pathway
from aidess.plans.enums import FollowUpStatus
from aidess.reviews.review import review
from tests.factories import AidFactory, OrganizationFactory, StructureFactory, UserFactory
from tests.plans.helpers import make_plan, national_agent, regional_agent
from tests.reviews.decisions import at_noon, granted, line, logged
from tests.reviews.helpers import run

pytestmark = pytest.mark.django_db
URL = "/api/v1/watch/impact-review"
MARCH, JULY, NEXT_YEAR = (
    datetime.date(2026, 3, 10),
    datetime.date(2026, 7, 1),
    datetime.date(2027, 2, 1),
)


@pytest.fixture
def agent():
    return regional_agent()


@pytest.fixture
def plan(agent):
    aid = AidFactory(name="Fonds d'urgence culture", slug="fonds-urgence-culture")
    plan = make_plan(
        agent, aid=aid, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    other_aid = AidFactory(slug="autre-aide")
    targeted = granted(aid, MARCH, employees_fte=Decimal("2.50")).structure
    line(plan, targeted, FollowUpStatus.HELPED, fte=Decimal("2.00"), helped_with_aid=aid)
    late = granted(aid, NEXT_YEAR, employees_fte=Decimal("4.00")).structure  # after the plan
    line(plan, late)
    granted(aid, MARCH, employees_fte=Decimal("9.00"))  # granted, but not targeted by the plan
    line(plan, granted(other_aid, MARCH).structure)  # targeted, granted another aid
    offer_line = line(
        plan,
        StructureFactory(sector="health_social"),
        FollowUpStatus.HELPED,
        fte=Decimal("1.50"),
        helped_with_offer=plan_offer(),
    )
    logged(offer_line, FollowUpStatus.HELPED, JULY, "help")
    return plan


def plan_offer():
    return SupportOffer.objects.create(
        organization=OrganizationFactory(kind=OrganizationKind.SUPPORT),
        scheme=AidFactory(),
        zone_kind=ZoneKind.NATIONAL,
    )


def test_the_plans_review_counts_its_targeted_structures_and_its_offer_lines(plan):
    result = review(plan=plan)

    assert (result.start, result.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert result.structures == 2  # the targeted structure granted in March, the offer line
    assert result.helped_by_offer == 1
    assert result.fte == Decimal("4.00")  # 2.50 at its decision + 1.50 at activation
    assert result.amount_granted_eur == Decimal("5000.00")  # the offer has no amount
    assert {group.code: group.structures for group in result.by_sector} == {
        "culture": 1,
        "health_social": 1,
    }


def test_a_period_given_replaces_the_plans(plan):
    result = review(plan=plan, start=datetime.date(2026, 1, 1), end=datetime.date(2027, 12, 31))
    assert result.structures == 3  # the 2027 decision too

    assert review(plan=plan, start=datetime.date(2026, 6, 1)).structures == 1  # the offer line


def test_pathways_completed_in_the_period_count_for_helped_structures_only(plan):
    dla = OrganizationFactory(kind=OrganizationKind.SUPPORT)
    helped = plan.targets.get(helped_with_aid__isnull=False).structure
    not_helped = plan.targets.filter(status=FollowUpStatus.INVITED).first().structure
    for structure, ended_on in (
        (helped, datetime.date(2026, 10, 1)),
        (helped, datetime.date(2026, 11, 1)),  # a second one: the structure counts once
        (not_helped, datetime.date(2026, 10, 1)),
    ):
        Pathway.objects.create(
            structure=structure, organization=dla, status=PathwayStatus.COMPLETED, ended_on=ended_on
        )
    assert review(plan=plan).pathways_completed == 1
    assert review(plan=plan, end=datetime.date(2026, 9, 30)).pathways_completed == 0


def test_the_api_gives_the_plans_review_to_its_cell_and_partners(client, plan, agent):
    client.force_login(agent)

    body = client.get(URL, {"plan": plan.pk}).json()

    assert body["plan"] == plan.pk
    assert (body["aid"], body["structures"], body["fte"]) == ("fonds-urgence-culture", 2, "4.00")
    aid_body = client.get(URL, {"aid": "fonds-urgence-culture"}).json()
    assert "plan" not in aid_body  # an aid's review keeps its documented shape

    partner = UserFactory()
    plan.managers.add(partner)
    client.force_login(partner)
    assert client.get(URL, {"plan": plan.pk}).status_code == 200


def test_the_api_refuses_a_plan_out_of_sight_or_out_of_role(client, plan, agent):
    client.force_login(regional_agent(region="93"))  # another region's cell
    response = client.get(URL, {"plan": plan.pk})
    assert response.status_code == 404
    assert response.json() == {"error": "Plan introuvable."}

    client.force_login(UserFactory(is_staff=True))  # sees every plan, is no partner of it
    response = client.get(URL, {"plan": plan.pk})
    assert response.status_code == 403
    assert "responsables du plan" in response.json()["error"]


def test_the_api_wants_an_aid_or_a_plan(client, plan):
    client.force_login(national_agent())
    for query in ({}, {"aid": "fonds-urgence-culture", "plan": plan.pk}):
        response = client.get(URL, query)
        assert response.status_code == 400
        assert response.json()["error"] == "Indiquez une aide ou un plan."


def test_the_command_reviews_a_plan(plan):
    result = json.loads(run("impact_review", "--plan", str(plan.pk)))

    assert result["plan"] == plan.pk
    assert (result["structures"], result["amount_eur"]) == (2, "5000.00")
    with pytest.raises(Exception, match="Aucun plan d'urgence n° 999999"):
        run("impact_review", "--plan", "999999")


def test_a_line_helped_without_its_log_is_dated_by_its_last_change(plan):
    loaded = line(
        plan,
        StructureFactory(),
        FollowUpStatus.HELPED,
        fte=Decimal("3.00"),
        helped_with_offer=plan_offer(),
    )
    type(loaded).objects.filter(pk=loaded.pk).update(updated_at=at_noon(JULY))
    assert review(plan=plan).helped_by_offer == 2

    type(loaded).objects.filter(pk=loaded.pk).update(updated_at=at_noon(NEXT_YEAR))
    assert review(plan=plan).helped_by_offer == 1
