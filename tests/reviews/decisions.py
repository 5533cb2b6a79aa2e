"""Decisions, plans and signals for the review tests, dated so that the tests never depend on
the day they run."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from aidess.applications.enums import ApplicationStatus
from aidess.lifecycles.models import TransitionLog
from aidess.plans.enums import FollowUpStatus
from aidess.plans.models import PlanTarget
from tests.factories import ApplicationFactory, StructureFactory


def at_noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def granted(aid, day, amount="5000", structure=None, **structure_fields):
    """An accepted application with an amount, decided on `day`."""
    structure = structure or StructureFactory(**structure_fields)
    return ApplicationFactory(
        structure=structure,
        aid=aid,
        status=ApplicationStatus.ACCEPTED,
        amount_granted_eur=Decimal(amount),
        decided_at=at_noon(day),
        submitted_at=at_noon(day - datetime.timedelta(days=30)),
    )


def line(plan, structure, status=FollowUpStatus.INVITED, fte=None, **fields):
    return PlanTarget.objects.create(
        plan=plan,
        structure=structure,
        status=status,
        region_id=structure.region_id,
        department_id=structure.department_id,
        sector=structure.sector,
        fte_at_activation=fte,
        invited_at=at_noon(plan.starts_on),
        **fields,
    )


def logged(obj, to_state, day, transition):
    """A lifecycle log dated `day` (what `Lifecycle.apply` writes, at a chosen time)."""
    return TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        transition=transition,
        from_state="",
        to_state=to_state,
        created_at=at_noon(day),
    )
