"""How a view turns a permission rule into a response; the rules are in each app's `permissions.py`.

Every app states who may see its objects as a queryset (`*_visible_to(user)`) and who may do more
as functions (`can_change_*(user, obj)`). A view fetches among what the user may see, so an object
outside reach is a 404 (its existence never leaks), and a visible object it may not change is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

READ_ONLY = "Vous pouvez consulter cette fiche mais pas la modifier."


def get_for_change(visible, allowed, user, message=READ_ONLY, **lookup):
    """The object among `visible`, or 404; 403 when `allowed(user, obj)` says no."""
    obj = get_object_or_404(visible, **lookup)
    if not allowed(user, obj):
        raise PermissionDenied(message)
    return obj
