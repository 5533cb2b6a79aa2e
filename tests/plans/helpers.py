"""Plans for the tests: a regional plan of the Hauts-de-France cell (region 32) targeting
culture structures, with one aid as measure."""

import datetime

from django.test import TestCase

from aidess.organizations.enums import Role, ScopeLevel
from aidess.plans.activation import activate, create_outreach
from aidess.plans.enums import PlanLevel
from aidess.plans.models import EmergencyPlan
from tests.factories import AidFactory, OrganizationMembershipFactory


def regional_agent(region="32"):
    return OrganizationMembershipFactory(
        role=Role.WATCH_AGENT, scope=ScopeLevel.REGIONAL, regions=[region]
    ).user


def national_agent():
    return OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL).user


def make_plan(agent, region="32", sectors=("culture",), aid=None, **fields):
    cell = agent.organization_memberships.get().organization
    plan = EmergencyPlan.objects.create(
        name=fields.pop("name", "Plan culture Hauts-de-France"),
        trigger=fields.pop("trigger", "Baisse des subventions culturelles locales"),
        level=fields.pop("level", PlanLevel.REGIONAL),
        cell=cell,
        sectors=list(sectors),
        starts_on=fields.pop("starts_on", datetime.date(2026, 12, 1)),
        ends_on=fields.pop("ends_on", datetime.date(2027, 5, 31)),
        created_by=agent,
        **fields,
    )
    if region:
        plan.regions.set([region])
    plan.aids.add(aid or AidFactory(name="Fonds d'urgence culture"))
    return plan


def activate_now(plan, user):
    """Activate and run the outreach inline, as the task queue would after the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        activate(plan, user, queue=create_outreach)
    plan.refresh_from_db()
    return plan
