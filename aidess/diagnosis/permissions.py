"""Who may read a structure's finances (self-diagnoses, cash-flow plans): its members and the
administrators, and the members of a support organisation the structure shares them with (an
active consent, an active membership). Writing them, or sharing them, is the members' only.

The one place this is decided: the pages, the API and `cashflow` ask here.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from aidess.diagnosis.models import SharingConsent
from aidess.structures.models import Structure
from aidess.structures.permissions import can_change_structure, structures_editable_by


def finances_visible_to(user, structures=None):
    """The structures whose diagnoses and plans the user may read."""
    structures = Structure.objects.all() if structures is None else structures
    if not user.is_authenticated:
        return structures.none()
    shared = SharingConsent.objects.filter(
        revoked_at__isnull=True,
        organization__memberships__user=user,
        organization__memberships__is_active=True,
    ).values("structure")
    own = structures_editable_by(user).values("pk")
    return structures.filter(Q(pk__in=own) | Q(pk__in=shared))


def can_read_finances(user, structure):
    return finances_visible_to(user).filter(pk=structure.pk).exists()


def can_change_finances(user, structure):
    """Diagnoses and plans are written, and shared, by those who change the profile."""
    return can_change_structure(user, structure)


def structure_for_finances(user, pk):
    """The structure if the user may read its finances, else 404 (existence never leaks)."""
    return get_object_or_404(finances_visible_to(user).select_related("commune"), pk=pk)
