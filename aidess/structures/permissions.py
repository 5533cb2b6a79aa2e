"""Who may see and change a structure's profile: its members, the partners of its territory
(read-only), the platform administrators."""

from django.db.models import Q

from aidess.core.permissions import get_for_change
from aidess.organizations.enums import Role
from aidess.organizations.permissions import scope_for
from aidess.structures.models import Structure

# Roles that see the structures of their territory (read-only).
TERRITORIAL_VIEWER_ROLES = (Role.ADVISOR, Role.WATCH_AGENT)


def structures_visible_to(user, structures=None):
    """Its own structures (active membership), those of its territory for advisors and watch
    agents, every structure for an administrator; none for an anonymous visitor."""
    structures = Structure.objects.all() if structures is None else structures
    if not user.is_authenticated:
        return structures.none()
    if user.is_platform_admin:
        return structures
    condition = Q(memberships__user=user, memberships__is_active=True)
    for role in TERRITORIAL_VIEWER_ROLES:
        scope = scope_for(user, role)
        if scope.national:
            return structures  # its Q() would vanish from the OR below
        if not scope.is_empty:
            condition |= scope.as_q()
    return structures.filter(condition).distinct()


def structures_editable_by(user, structures=None):
    """Members (active membership) and administrators change a structure; partners never do."""
    structures = Structure.objects.all() if structures is None else structures
    if not user.is_authenticated:
        return structures.none()
    if user.is_platform_admin:
        return structures
    return structures.filter(memberships__user=user, memberships__is_active=True).distinct()


def structures_with_history_visible_to(user):
    """Who changed what is for the structure's members and the administrators, not for the
    partners who only read its profile."""
    return structures_editable_by(user)


def member_structures(user):
    """The structures the user belongs to, administrators included only for their own."""
    return Structure.objects.filter(memberships__user=user, memberships__is_active=True)


def can_view_structure(user, structure):
    return structures_visible_to(user).filter(pk=structure.pk).exists()


def can_change_structure(user, structure):
    return structures_editable_by(user).filter(pk=structure.pk).exists()


def structure_for_change(user, pk):
    """404 outside what the user may see, 403 when it may only read it."""
    return get_for_change(structures_visible_to(user), can_change_structure, user, pk=pk)
