"""Who sees and acts on emergency plans.

- Watch agents create plans: a regional cell's agents regional plans in their region, the
  national cell's agents national and regional plans.
- A plan is read by its cell's agents and managers, the national cell (which supports regional
  plans), the regional cells of the regions it covers, and the members of its associated
  organisations; platform administrators read everything.
- Its cell's agents and its managers edit, activate and close it; they and the associated
  organisations' members keep the follow-up lines (an organisation only within its territory).
"""

from functools import reduce

from django.db.models import Q

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.permissions import active_organizations_of
from aidess.organizations.scopes import NO_SCOPE
from aidess.plans.enums import PlanLevel
from aidess.plans.models import EmergencyPlan
from aidess.watch.permissions import cells_of, is_national_agent


def plans_visible_to(user):
    if not user.is_authenticated:
        return EmergencyPlan.objects.none()
    if user.is_platform_admin or is_national_agent(user):
        return EmergencyPlan.objects.all()
    cells = cells_of(user)
    cell_regions = cells.filter(scope_level=ScopeLevel.REGIONAL).values("regions")
    visible = (
        Q(cell__in=cells)
        | Q(managers=user)
        | Q(organizations__in=active_organizations_of(user).filter(is_active=True))
    )
    if cells.exists():
        visible |= Q(regions__in=cell_regions) | Q(level=PlanLevel.NATIONAL, regions__isnull=True)
    return EmergencyPlan.objects.filter(pk__in=EmergencyPlan.objects.filter(visible).values("pk"))


def plans_followed_by(user):
    """The plans a person works on: every visible plan for a watch agent; for anyone else, those
    of its organisations or that it manages (the dashboard's section, the reviews)."""
    visible = plans_visible_to(user)
    if not user.is_authenticated or cells_of(user).exists():
        return visible
    organizations = active_organizations_of(user).filter(is_active=True)
    return visible.filter(
        pk__in=visible.filter(Q(organizations__in=organizations) | Q(managers=user)).values("pk")
    )


def can_create_plan(user):
    return user.is_authenticated and cells_of(user).exists()


def regions_plannable_by(user):
    """The regions where the user may set a regional plan (None: all of them)."""
    if is_national_agent(user):
        return None
    return set(
        cells_of(user).filter(scope_level=ScopeLevel.REGIONAL).values_list("regions", flat=True)
    )


def can_manage_plan(user, plan):
    if user is None or not user.is_authenticated:
        return False
    if user.is_platform_admin:
        return True
    return (
        cells_of(user).filter(pk=plan.cell_id).exists() or plan.managers.filter(pk=user.pk).exists()
    )


def associated_organizations_of(user, plan):
    return active_organizations_of(user).filter(
        is_active=True, pk__in=plan.organizations.values("pk")
    )


def targets_visible_to(user, plan):
    """The plan's follow-up lines the user reads (the plan itself being visible)."""
    if can_manage_plan(user, plan) or is_national_agent(user):
        return plan.targets.all()
    cells = cells_of(user).filter(scope_level=ScopeLevel.REGIONAL)
    organizations = associated_organizations_of(user, plan).exclude(
        kind=OrganizationKind.WATCH_CELL
    )
    zone = reduce(
        lambda a, b: a | b,
        (o.territorial_scope() for o in [*cells, *organizations]),
        NO_SCOPE,
    )
    return plan.targets.filter(zone.as_q("region", "department"))


def can_follow_up(user, target):
    """Changing a follow-up line: the plan's managers, or an associated organisation's member
    whose territory holds the structure."""
    if user is None:
        return False
    return targets_visible_to(user, target.plan).filter(pk=target.pk).exists() and (
        can_manage_plan(user, target.plan)
        or associated_organizations_of(user, target.plan).exists()
    )
