"""Who may see and change a structure's application file: its members read and change it,
platform administrators read it; nobody else learns it exists (404), partners included: they read
what was submitted, in the application. Then who reads and acts on applications."""

from django.db.models import Q

from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.core.permissions import get_for_change
from aidess.organizations.enums import OrganizationKind, Role
from aidess.organizations.permissions import active_organizations_of, scope_for
from aidess.structures.models import Structure
from aidess.structures.permissions import member_structures

READ_ONLY = "Vous pouvez consulter ce dossier mais seuls les membres de la structure le modifient."


def file_structures_visible_to(user):
    """The structures whose file the user may read."""
    if not user.is_authenticated:
        return Structure.objects.none()
    if user.is_platform_admin:
        return Structure.objects.all()
    return member_structures(user).distinct()


def can_view_file(user, structure):
    return file_structures_visible_to(user).filter(pk=structure.pk).exists()


def can_change_file(user, structure):
    """Members only: an administrator reads, it does not fill a structure's file for it."""
    return user.is_authenticated and member_structures(user).filter(pk=structure.pk).exists()


def structure_for_file(user, pk, change=False):
    """The structure whose file is asked: 404 outside reach, 403 to change it when read-only."""
    allowed = can_change_file if change else can_view_file
    return get_for_change(file_structures_visible_to(user), allowed, user, READ_ONLY, pk=pk)


# Applications (issue 13) -------------------------------------------------------------------


def instructing_organizations(user):
    """The providers the user instructs for (active membership of an active provider)."""
    return active_organizations_of(user).filter(kind=OrganizationKind.PROVIDER, is_active=True)


def applications_instructed_by(user):
    """Applications sent to the aids of the user's providers, from structures within the
    provider role's territory; drafts stay the structure's own."""
    if not user.is_authenticated:
        return Application.objects.none()
    aids = Aid.objects.filter(providers__in=instructing_organizations(user)).values("pk")
    scope = scope_for(user, Role.PROVIDER)
    return (
        Application.objects.filter(aid__in=aids)
        .exclude(status=ApplicationStatus.DRAFT)
        .filter(scope.as_q("structure__region", "structure__department"))
    )


def applications_visible_to(user):
    """A member reads its structures' applications; an instructor those it instructs; a support
    organisation those of structures sharing with it (active consent); administrators all sent
    ones. Private notes are a separate rule (`can_read_notes`)."""
    if not user.is_authenticated:
        return Application.objects.none()
    if user.is_platform_admin:
        return Application.objects.exclude(status=ApplicationStatus.DRAFT)
    own = Q(structure__in=member_structures(user).values("pk"))
    instructed = Q(pk__in=applications_instructed_by(user).values("pk"))
    shared_with = Structure.objects.filter(
        sharing_consents__organization__in=active_organizations_of(user),
        sharing_consents__revoked_at__isnull=True,
    ).values("pk")
    shared = Q(structure__in=shared_with) & ~Q(status=ApplicationStatus.DRAFT)
    return Application.objects.filter(own | instructed | shared)


def is_applicant(user, application):
    """An active member of the applying structure acts for it."""
    return (
        user is not None
        and user.is_authenticated
        and member_structures(user).filter(pk=application.structure_id).exists()
    )


def is_instructor(user, application):
    return (
        user is not None
        and user.is_authenticated
        and applications_instructed_by(user).filter(pk=application.pk).exists()
    )


def can_read_notes(user, application):
    """Private notes are the instructors' (and administrators') only."""
    return user.is_platform_admin or is_instructor(user, application)


# The API (issue 13) ------------------------------------------------------------------------


def applications_of_members(user):
    """The applications of the structures the user is an active member of, drafts included."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(structure__in=member_structures(user).values("pk"))


def applications_instructed_for(organization):
    """What an organisation's API token reaches: the applications sent to the aids it provides,
    from structures within its territory; nothing for an inactive or non-provider organisation."""
    if not organization.is_active or organization.kind != OrganizationKind.PROVIDER:
        return Application.objects.none()
    return (
        Application.objects.filter(aid__in=Aid.objects.filter(providers=organization).values("pk"))
        .exclude(status=ApplicationStatus.DRAFT)
        .filter(organization.territorial_scope().as_q("structure__region", "structure__department"))
    )


# The applicant's pages -------------------------------------------------------------------

APPLICANT_ONLY = (
    "Vous pouvez consulter cette demande mais seuls les membres de la structure agissent."
)


def applications_of_applicant(user):
    """What the applicant's pages show: the user's structures' applications, drafts included;
    administrators read every submitted one. Instructors and partners have their own pages."""
    if not user.is_authenticated:
        return Application.objects.none()
    own = Application.objects.filter(structure__in=member_structures(user).values("pk"))
    if user.is_platform_admin:
        return Application.objects.filter(
            Q(pk__in=own.values("pk")) | ~Q(status=ApplicationStatus.DRAFT)
        )
    return own


def application_for_applicant(user, pk, act=False):
    """404 outside the applicant's reach; 403 to act on one an administrator only reads."""
    visible = applications_of_applicant(user).select_related("aid", "structure")
    allowed = is_applicant if act else (lambda user, application: True)
    return get_for_change(visible, allowed, user, APPLICANT_ONLY, pk=pk)


def application_for_reader(user, pk):
    """Letters and attachments: whoever may read the application (404 otherwise)."""
    return get_for_change(
        applications_visible_to(user).select_related("aid", "structure"),
        lambda user, application: True,
        user,
        pk=pk,
    )
