"""Who manages webhooks: the administrators (`OrganizationMembership.is_admin`, active) of an
active provider organisation, for that organisation only. Preferences are each person's own."""

from aidess.notifications.models import Webhook
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization


def administered_providers(user):
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        kind=OrganizationKind.PROVIDER,
        is_active=True,
        memberships__user=user,
        memberships__is_active=True,
        memberships__is_admin=True,
    ).distinct()


def can_manage_webhooks(user):
    return administered_providers(user).exists()


def webhooks_managed_by(user):
    return Webhook.objects.filter(organization__in=administered_providers(user).values("pk"))
