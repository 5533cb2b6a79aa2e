"""Activating a plan: the page checks and applies the transition, the task queue creates the
outreach (one follow-up line per targeted structure, an e-mailed invitation to those with
members) in batches, then marks the plan active with the number of structures targeted.

The lines are written with `bulk_create` (100 000 of them in seconds, see bench/plans.py):
they are not history entries one by one; the plan's `activated` transition log says how many
were created, and every later change of a line is its own `TransitionLog`.
"""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from aidess.lifecycles.machine import TransitionRefused
from aidess.plans.enums import PlanStatus
from aidess.plans.invitations import mail_invitation
from aidess.plans.lifecycle import PLAN_LIFECYCLE
from aidess.plans.models import EmergencyPlan, PlanTarget
from aidess.plans.targeting import targeted_structures
from aidess.structures.models import StructureMembership

BATCH = 5000


def activate(plan, user, queue):
    """Check the plan can start, apply `activate` and queue the outreach after the commit
    (`queue(plan_id)`: the huey task, or a plain call). Refusals are `TransitionRefused`."""
    if not (plan.aids.exists() or plan.support_offers.exists()):
        raise TransitionRefused(
            "Le plan doit mobiliser au moins une aide ou un accompagnement.", 400
        )
    if not targeted_structures(plan).exists():
        raise TransitionRefused("Aucune structure n'est ciblée : revoyez les critères.", 400)
    with transaction.atomic():
        PLAN_LIFECYCLE.apply(plan, "activate", user)
        transaction.on_commit(lambda: queue(plan.pk))


def create_outreach(plan_id):
    """The task's body: runs once per activation (a second run finds the plan active and stops;
    a run interrupted midway is resumed, lines already created being skipped)."""
    plan = EmergencyPlan.objects.get(pk=plan_id)
    if plan.status != PlanStatus.ACTIVATING:
        return 0
    now = timezone.now()
    rows = (
        targeted_structures(plan)
        .order_by("pk")
        .values_list("pk", "region_id", "department_id", "sector", "employees_fte")
    )
    batch = []
    for structure_id, region, department, sector, fte in rows.iterator(chunk_size=BATCH):
        batch.append(
            PlanTarget(
                plan_id=plan.pk,
                structure_id=structure_id,
                region_id=region,
                department_id=department,
                sector=sector,
                fte_at_activation=fte,
                invited_at=now,
            )
        )
        if len(batch) == BATCH:
            PlanTarget.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    PlanTarget.objects.bulk_create(batch, ignore_conflicts=True)
    invite_members(plan)
    with transaction.atomic():
        plan.targeted_count = plan.targets.count()
        plan.activated_at = now
        plan.save(update_fields=["targeted_count", "activated_at", "updated_at"])
        PLAN_LIFECYCLE.apply(
            plan, "activated", None, comment=f"{plan.targeted_count} structures ciblées"
        )
    return plan.targeted_count


def invite_members(plan):
    """E-mail each targeted structure's active members once (lines not yet mailed)."""
    memberships = (
        StructureMembership.objects.filter(
            is_active=True,
            structure__plan_targets__plan=plan,
            structure__plan_targets__invitation_mailed=False,
        )
        .values_list("structure__plan_targets__pk", "structure__name", "user__email")
        .order_by()
    )
    emails, names = defaultdict(set), {}
    for target_id, name, email in memberships.iterator(chunk_size=BATCH):
        emails[target_id].add(email)
        names[target_id] = name
    for target_id, addresses in emails.items():
        mail_invitation(plan, target_id, names[target_id], addresses)
    ids = list(emails)
    for start in range(0, len(ids), BATCH):
        PlanTarget.objects.filter(pk__in=ids[start : start + BATCH]).update(invitation_mailed=True)
