"""Who sees and handles requests for help.

- The structure's active members see its requests (and the person who sent one without an
  account, through the link of its e-mail).
- An organisation's active members see the requests it received and act on them; the members of
  its head of network (`Organization.parent`: a regional DLA, a France Active region) see them
  too, as its managers, without acting.
- Platform administrators see everything; watch agents see, in their territory, the requests
  escalated to their cell (`Relaunch.WATCH_CELL`).
"""

from django.db.models import Q

from aidess.organizations.enums import OrganizationKind, Role
from aidess.organizations.models import Organization
from aidess.organizations.permissions import active_organizations_of, scope_for
from aidess.orientation.enums import Relaunch
from aidess.orientation.models import HelpRequest, Recipient


def support_organizations_of(user):
    """The active support organisations the user is an active member of."""
    return active_organizations_of(user).filter(kind=OrganizationKind.SUPPORT, is_active=True)


def managed_organizations(user):
    """Organisations whose head of network the user belongs to (and those heads themselves)."""
    own = support_organizations_of(user)
    return Organization.objects.filter(Q(parent__in=own) | Q(pk__in=own)).distinct()


def is_advisor(user):
    return support_organizations_of(user).exists()


def is_manager(user):
    return Organization.objects.filter(parent__in=support_organizations_of(user)).exists()


def recipients_handled_by(user):
    """Recipient rows the user may act on: its own organisations'."""
    return Recipient.objects.filter(organization__in=support_organizations_of(user))


def requests_visible_to(user):
    if not user.is_authenticated:
        return HelpRequest.objects.none()
    if user.is_platform_admin:
        return HelpRequest.objects.all()
    visible = Q(structure__memberships__user=user, structure__memberships__is_active=True)
    visible |= Q(recipients__organization__in=managed_organizations(user))
    watch = scope_for(user, Role.WATCH_AGENT)
    if not watch.is_empty:
        visible |= Q(relaunch=Relaunch.WATCH_CELL) & watch.as_q(
            "structure__region", "structure__department"
        )
    return HelpRequest.objects.filter(pk__in=HelpRequest.objects.filter(visible).values("pk"))


def can_handle(user, recipient):
    """Take, close or decline for `recipient`'s organisation."""
    return (
        user is not None
        and user.is_authenticated
        and recipient.organization.memberships.filter(user=user, is_active=True).exists()
    )


def is_requester(user, help_request):
    return (
        user is not None
        and user.is_authenticated
        and help_request.structure.memberships.filter(user=user, is_active=True).exists()
    )
