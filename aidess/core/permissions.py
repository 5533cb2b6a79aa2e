"""The one question every view asks: may this user see / change this object?

Models answer it (`obj.can_view(user)`, `obj.can_change(user)`, `Model.objects.visible_to(user)`)
from role and territory; views go through the helpers below so that a missing answer means "no".
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def can_view(user, obj):
    check = getattr(obj, "can_view", None)
    return bool(user.is_authenticated and check and check(user))


def can_change(user, obj):
    check = getattr(obj, "can_change", None)
    return bool(user.is_authenticated and check and check(user))


def get_for_view(queryset, user, **lookup):
    """The object, or 404 when it does not exist *or* lies outside what the user may see."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def get_for_change(queryset, user, **lookup):
    """404 when invisible (no leak of existence), 403 when visible but read-only for this user."""
    obj = get_for_view(queryset, user, **lookup)
    if not can_change(user, obj):
        raise PermissionDenied("Vous pouvez consulter cette fiche mais pas la modifier.")
    return obj
