"""Who may see and change a structure's profile: its members, the partners of its territory
(read-only), the platform administrators."""

from django.db.models import Q

from aidess.core.permissions import get_for_change
from aidess.organizations.enums import OrganizationKind, Role
from aidess.organizations.models import Organization
from aidess.organizations.permissions import scope_for
from aidess.structures.models import Structure, StructureMembership

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


MEMBERS_ONLY = "La liste des membres est réservée aux membres de la structure."

# Members and join requests: the structure's administrators manage them, its members read the
# list, the platform administrators read it (and decide a request when nobody else can).


def active_admins(structure):
    return StructureMembership.objects.filter(structure=structure, is_active=True, is_admin=True)


def is_structure_admin(user, structure):
    return (
        user is not None
        and user.is_authenticated
        and active_admins(structure).filter(user=user).exists()
    )


def can_view_members(user, structure):
    """The members page: the structure's active members and the platform administrators."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_platform_admin:
        return True
    return StructureMembership.objects.filter(
        structure=structure, user=user, is_active=True
    ).exists()


def can_manage_members(user, structure):
    """Name an administrator, deactivate a member: the structure's administrators only."""
    return is_structure_admin(user, structure)


def can_decide_join_request(user, request):
    """The structure's administrators; the platform administrators only when the structure has
    no active administrator (a structure loaded without members), so that nobody is stuck."""
    if user is None or not user.is_authenticated:
        return False
    if is_structure_admin(user, request.structure):
        return True
    return user.is_platform_admin and not active_admins(request.structure).exists()


def can_cancel_join_request(user, request):
    return user is not None and user.is_authenticated and request.user_id == user.pk


def members_page_for(user, pk):
    """404 when the structure is out of sight, 403 when seen but its members are not for
    this user (a partner), the structure otherwise."""
    return get_for_change(
        structures_visible_to(user), can_view_members, user, message=MEMBERS_ONLY, pk=pk
    )


def support_organization_for(user, structure):
    """The support organisation (DLA, France Active…) through which `user` may vouch for the
    structure's members: an active membership of one whose territory covers the structure."""
    if user is None or not user.is_authenticated:
        return None
    organizations = (
        Organization.objects.filter(
            kind=OrganizationKind.SUPPORT,
            is_active=True,
            memberships__user=user,
            memberships__is_active=True,
        )
        .prefetch_related("regions", "departments")
        .order_by("name")
    )
    for organization in organizations:
        if organization.territorial_scope().covers(structure.region_id, structure.department_id):
            return organization
    return None


def can_confirm_as_support(user, structure):
    return support_organization_for(user, structure) is not None
