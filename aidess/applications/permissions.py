"""Who may see and change a structure's application file: its members read and change it,
platform administrators read it; nobody else learns it exists (404), partners included, until the
structure sends an application (issue 13's next step)."""

from aidess.core.permissions import get_for_change
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
