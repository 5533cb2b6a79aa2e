"""Who sees and changes a DLA pathway.

- The DLA's active members (the organisation that runs it) change it.
- The structure's active members read it; its active administrators (its leaders) validate the
  shared diagnosis or send their remarks.
- The DLA's managers (`orientation.permissions.managed_organizations`: its head of network) and
  the platform administrators read it. Everyone else gets a 404.
"""

from django.db.models import Q

from aidess.orientation.enums import RecipientStatus
from aidess.orientation.permissions import (
    can_handle,
    managed_organizations,
    support_organizations_of,
)
from aidess.pathways.models import Pathway

DLA_SCHEMES = ("dla", "dla-restructuration")


def pathways_visible_to(user):
    if not user.is_authenticated:
        return Pathway.objects.none()
    if user.is_platform_admin:
        return Pathway.objects.all()
    visible = Q(organization__in=managed_organizations(user))
    visible |= Q(structure__memberships__user=user, structure__memberships__is_active=True)
    return Pathway.objects.filter(pk__in=Pathway.objects.filter(visible).values("pk"))


def pathways_run_by(user):
    """The pathways of the user's own DLA (those it changes)."""
    return Pathway.objects.filter(organization__in=support_organizations_of(user))


def can_change_pathway(user, pathway):
    return (
        user is not None
        and user.is_authenticated
        and support_organizations_of(user).filter(pk=pathway.organization_id).exists()
    )


def is_structure_leader(user, structure):
    """An active administrator of the structure: its leaders validate the shared diagnosis."""
    return (
        user is not None
        and user.is_authenticated
        and structure.memberships.filter(user=user, is_active=True, is_admin=True).exists()
    )


def can_validate_diagnosis(user, pathway):
    return is_structure_leader(user, pathway.structure)


def is_dla(organization, offer=None):
    """The organisation runs the DLA: the request came through its DLA offer, or it has one."""
    if offer is not None and offer.scheme.slug in DLA_SCHEMES:
        return True
    return organization.support_offers.filter(scheme__slug__in=DLA_SCHEMES).exists()


def can_start_pathway(user, recipient):
    """The DLA officer has taken the request, and no pathway was born of it yet."""
    return (
        recipient.status == RecipientStatus.TAKING_CARE
        and not Pathway.objects.filter(recipient=recipient).exists()
        and can_handle(user, recipient)
        and is_dla(recipient.organization, recipient.offer)
    )
