"""The structures a plan targets: those its criteria make eligible (the eligibility engine's
criteria compiled to SQL by `eligibility.targeting`), plus, when the plan says so, those its
cell follows within its territory and sectors (or whose sector is unknown)."""

from django.db.models import Q
from django.utils import timezone

from aidess.eligibility.engine import Territory
from aidess.eligibility.targeting import counts_by_place_and_sector, eligible_q, territory_q
from aidess.plans.enums import PlanLevel
from aidess.structures.models import Structure
from aidess.watch.models import Follow


def territory_of(plan):
    """A national plan naming no region covers France; otherwise its regions and departments
    (a regional plan naming departments covers only them)."""
    regions = frozenset(plan.regions.values_list("code", flat=True))
    departments = frozenset(plan.departments.values_list("code", flat=True))
    if plan.level == PlanLevel.NATIONAL and not regions and not departments:
        return Territory(national=True)
    if departments:
        return Territory(national=False, departments=departments)
    return Territory(national=False, regions=regions)


def criteria_of(plan):
    return plan.engine_criteria(plan.sectors, territory_of(plan))


def targeted_q(plan, today=None):
    today = today or timezone.localdate()
    criteria = criteria_of(plan)
    targeted = eligible_q(criteria, today)
    if plan.include_followed and plan.cell_id:
        followed = Follow.objects.filter(cell_id=plan.cell_id, ended_at__isnull=True)
        in_scope = territory_q(criteria.territory)
        if criteria.sectors:
            # A structure filed from Sirene may have no sector yet: the cell follows it, so the
            # plan keeps it rather than miss it.
            in_scope &= Q(sector__in=criteria.sectors) | Q(sector="")
        targeted |= Q(pk__in=followed.values("structure")) & in_scope
    return targeted


def targeted_structures(plan, today=None):
    return Structure.objects.filter(targeted_q(plan, today))


def targeted_counts(plan, today=None):
    """What the plan would reach, before activation: the total, by region, department (all of
    them) and sector."""
    return counts_by_place_and_sector(targeted_structures(plan, today), departments_shown=200)
