"""Who may read and edit an aid: the catalog is public once published; providers edit the aids of
their organisations. Who may change its status (moderation) is in `moderation.AID_LIFECYCLE`."""

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
        return Organization.objects.filter(kind=OrganizationKind.PROVIDER, is_active=True)
    return active_organizations_of(user).filter(kind=OrganizationKind.PROVIDER, is_active=True)


def co_funder_choices(aid=None):
    """Co-funders are aid providers still active on the platform, whoever edits; those already
    on `aid` stay offered, so that an edit never drops them unseen."""
    kept = Q(pk__in=aid.co_funders.values("pk")) if aid is not None and aid.pk else Q(pk=None)
    return Organization.objects.filter(Q(kind=OrganizationKind.PROVIDER, is_active=True) | kept)


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
    """Published and closed aids are public; the others (draft, submitted, refused, archived)
    only to their editors."""
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
