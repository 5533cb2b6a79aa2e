"""Which received requests (recipients) an advisor or a manager reaches, on top of
`permissions.py`: the advisor's home lists its organisations' own; a request's card is read by
them, by the managers of their head of network and by platform administrators, and acted on by
the organisation's members only (`permissions.can_handle`)."""

from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.orientation.models import Recipient
from aidess.orientation.permissions import (
    is_manager,
    managed_organizations,
    recipients_handled_by,
)

NOT_AN_ADVISOR = (
    "Cet espace est réservé aux membres des organisations d'accompagnement (DLA, France Active…)."
)
NOT_A_MANAGER = (
    "Le pilotage est réservé aux têtes de réseau (DLA régional, région France Active…) "
    "et aux administrateurs."
)
READ_ONLY = "Vous suivez cette demande sans la traiter : seule l'organisation destinataire agit."


def sent(recipients):
    """Recipients of requests the structure confirmed (an unconfirmed one has gone nowhere)."""
    return recipients.filter(request__confirmed_at__isnull=False)


def home_recipients(user):
    """The advisor home's rows: its active support organisations' received requests."""
    return sent(recipients_handled_by(user))


def recipients_visible_to(user):
    if not user.is_authenticated:
        return Recipient.objects.none()
    if user.is_platform_admin:
        return sent(Recipient.objects.all())
    return sent(Recipient.objects.filter(organization__in=managed_organizations(user)))


def may_see_stats(user):
    return user.is_authenticated and (user.is_platform_admin or is_manager(user))


def stats_organizations(user):
    """The organisations a manager follows; every support organisation for an administrator."""
    if user.is_platform_admin:
        return Organization.objects.filter(kind=OrganizationKind.SUPPORT)
    return managed_organizations(user)
