from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.aids.moderation import is_moderator, refusal_reasons, status_counts
from aidess.aids.permissions import aids_editable_by
from aidess.applications.permissions import applications_instructed_by
from aidess.instruction.filters import TABS, InboxFilters, tab_counts
from aidess.instruction.permissions import is_instructing
from aidess.organizations.enums import Role
from aidess.organizations.permissions import roles_of
from aidess.structures.members import dashboard_section
from aidess.structures.permissions import structures_editable_by

# An advisor, a funder or a watch agent is not told it has "no structure": its home is its work.
PARTNER_ROLES = {Role.ADVISOR, Role.PROVIDER, Role.WATCH_AGENT}


def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    structures = structures_editable_by(request.user).select_related("commune")
    return render(
        request,
        "core/dashboard.html",
        {
            "structures": structures,
            "partner_roles": roles_of(request.user) & PARTNER_ROLES,
            **aids_section(request.user),
            **inbox_section(request.user),
            **dashboard_section(request.user),
        },
    )


def aids_section(user):
    """Administrators: how many aids wait for moderation. Funders: their aids by status, and
    the refused ones with the reason."""
    if is_moderator(user):
        return {"to_moderate": Aid.objects.filter(status=AidStatus.SUBMITTED).count()}
    aids = aids_editable_by(user)
    refused = list(aids.filter(status=AidStatus.REFUSED).order_by("name"))
    reasons = refusal_reasons(refused)
    for aid in refused:
        aid.refusal = reasons.get(aid.pk)
    return {"aid_counts": status_counts(aids), "refused_aids": refused}


def inbox_section(user):
    """Instructors: their applications by tab of the inbox (one GROUP BY)."""
    if not is_instructing(user):
        return {}
    counts = tab_counts(applications_instructed_by(user), InboxFilters())
    return {"inbox_tabs": [(key, label, counts[key]) for key, label, _states in TABS]}
