"""Who may list the structures eligible to an aid: its editors (providers, administrators), and a
provider only within the territory its organisations cover."""

from aidess.aids.permissions import aids_visible_to, can_change_aid
from aidess.core.permissions import get_for_change
from aidess.organizations.enums import Role
from aidess.organizations.permissions import scope_for


def can_target(user, aid):
    return can_change_aid(user, aid)


def targets_visible_to(user, structures):
    """Among `structures` (those eligible to an aid), the ones the provider may count and list."""
    if user.is_authenticated and user.is_platform_admin:
        return structures
    return structures.filter(scope_for(user, Role.PROVIDER).as_q())


def aid_for_targeting(user, slug, aids):
    """The aid (among `aids`, a queryset of Aid) if the user may target it: 404 unseen, 403 read-only."""
    return get_for_change(aids_visible_to(user, aids), can_target, user, slug=slug)
