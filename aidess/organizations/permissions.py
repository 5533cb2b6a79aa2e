"""Who holds which role, and over which territory: what the other apps' rules are built from.

Only active memberships count: a deactivated advisor or watch agent loses its territory at once.
"""

from functools import reduce

from django.db.models import Q
from django.utils import timezone

from aidess.organizations.enums import ROLE_OF_KIND, Role
from aidess.organizations.models import Organization
from aidess.organizations.scopes import NO_SCOPE


def unexpired(prefix="memberships__"):
    """A membership past its `expires_on` (a watch cell's, after 6 months) gives nothing."""
    return Q(**{f"{prefix}expires_on__isnull": True}) | Q(
        **{f"{prefix}expires_on__gte": timezone.localdate()}
    )


def active_organizations_of(user):
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        unexpired(), memberships__user=user, memberships__is_active=True
    )


def scope_for(user, role):
    """Union of the territories the user covers in `role` through its active memberships."""
    if not user.is_authenticated:
        return NO_SCOPE
    kinds = [kind for kind, kind_role in ROLE_OF_KIND.items() if kind_role == role]
    organizations = (
        Organization.objects.filter(
            unexpired(), kind__in=kinds, memberships__user=user, memberships__is_active=True
        )
        .prefetch_related("regions", "departments")
        .distinct()
    )
    return reduce(lambda a, b: a | b, (o.territorial_scope() for o in organizations), NO_SCOPE)


def roles_of(user):
    """Every role the user holds, for navigation and the dashboard."""
    if not user.is_authenticated:
        return set()
    roles = {
        ROLE_OF_KIND[kind] for kind in active_organizations_of(user).values_list("kind", flat=True)
    }
    if user.structure_memberships.filter(is_active=True).exists():
        roles.add(Role.STRUCTURE_MEMBER)
    if user.is_platform_admin:
        roles.add(Role.ADMIN)
    return roles


def administered_organizations(user):
    """The active organisations the user administers (active membership with is_admin)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        is_active=True,
        memberships__user=user,
        memberships__is_active=True,
        memberships__is_admin=True,
    )


def can_manage_tokens(user, organization):
    """An organisation's API tokens: its administrators create and revoke them."""
    return administered_organizations(user).filter(pk=organization.pk).exists()
