"""The page a plan's invitation link opens: for the structure's members, what the plan offers
and the two steps it asks (self-diagnosis, cash-flow plan); the first visit marks the line
« invitation ouverte » for the cell."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from aidess.aids.enums import AidStatus
from aidess.eligibility.profiles import profile_of
from aidess.orientation.routing import covered_code
from aidess.plans.enums import PlanStatus
from aidess.plans.invitations import target_id_of
from aidess.plans.models import PlanTarget
from aidess.structures.permissions import member_structures


def offers_near(plan, structure):
    """The plan's support offers whose zone covers the structure (a DLA of another department
    is no use to it)."""
    profile = profile_of(structure)
    offers = plan.support_offers.select_related("organization", "scheme")
    return [offer for offer in offers if covered_code(offer, profile)[0]]


@login_required
def invitation(request, token):
    target_id = target_id_of(token)
    target = (
        PlanTarget.objects.select_related("plan", "structure").filter(pk=target_id).first()
        if target_id is not None
        else None
    )
    if target is None:
        return render(request, "plans/invitation_invalid.html", status=404)
    plan, structure = target.plan, target.structure
    is_member = member_structures(request.user).filter(pk=structure.pk).exists()
    if is_member and target.opened_at is None and plan.status == PlanStatus.ACTIVE:
        target.opened_at = timezone.now()
        target.save(update_fields=["opened_at", "updated_at"])
    return render(
        request,
        "plans/invitation.html",
        {
            "plan": plan,
            "structure": structure,
            "is_member": is_member,
            "is_open": plan.status == PlanStatus.ACTIVE,
            "aids": plan.aids.filter(status=AidStatus.PUBLISHED).order_by("name")
            if is_member
            else [],
            "offers": offers_near(plan, structure) if is_member else [],
        },
    )
