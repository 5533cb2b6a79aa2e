"""Who may read, edit and publish an aid: the catalog is public once published; providers edit
the aids of their organisations; the platform administrators moderate (draft → published)."""

from django.db.models import Q

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.organizations.permissions import active_organizations_of

PUBLIC_STATUSES = [AidStatus.PUBLISHED, AidStatus.CLOSED]


def publishing_organizations(user):
    """The providers the user publishes for: its own (active membership); every provider for an
    administrator."""
    if user.is_authenticated and user.is_platform_admin:
        return Organization.objects.filter(kind=OrganizationKind.PROVIDER)
    return active_organizations_of(user).filter(kind=OrganizationKind.PROVIDER)


def aids_editable_by(user, aids=None):
    aids = Aid.objects.all() if aids is None else aids
    if not user.is_authenticated:
        return aids.none()
    if user.is_platform_admin:
        return aids
    return aids.filter(
        providers__memberships__user=user,
        providers__memberships__is_active=True,
        providers__kind=OrganizationKind.PROVIDER,
    ).distinct()


def aids_visible_to(user, aids=None):
    """Published and closed aids are public; drafts and archives only to their editors."""
    aids = Aid.objects.all() if aids is None else aids
    public = Q(status__in=PUBLIC_STATUSES)
    if not user.is_authenticated:
        return aids.filter(public)
    # A subquery: `aids_editable_by` is distinct, and `|` refuses to mix distinct and not.
    return aids.filter(public | Q(pk__in=aids_editable_by(user).values("pk")))


def can_view_aid(user, aid):
    return aids_visible_to(user).filter(pk=aid.pk).exists()


def can_change_aid(user, aid):
    return aids_editable_by(user).filter(pk=aid.pk).exists()


def can_create_aid(user):
    return publishing_organizations(user).exists()


def can_publish_aid(user, aid):
    """Moderation (draft → published) is the platform administrators' job."""
    return user.is_authenticated and user.is_platform_admin and aid.status == AidStatus.DRAFT


def statuses_allowed(user, aid):
    """What a provider may set. Closing is for an aid the team has published: a draft set
    "closed" would become public (closed aids are) without moderation, and read "Clôturée"
    before ever opening. "Published" is the administrators' (or stays as it is)."""
    if user.is_platform_admin or aid.status in (AidStatus.PUBLISHED, AidStatus.CLOSED):
        return list(AidStatus)
    return [AidStatus.DRAFT, AidStatus.ARCHIVED]
