"""Cash-flow plans are a structure's finances: read as `diagnosis.permissions` decides (members,
administrators, support organisations with consent), changed by the structure's members only."""

from aidess.cashflow.models import CashflowPlan
from aidess.diagnosis.permissions import can_change_finances, finances_visible_to


def plans_visible_to(user):
    return CashflowPlan.objects.filter(structure__in=finances_visible_to(user))


def can_change_plan(user, plan):
    return can_change_finances(user, plan.structure)
