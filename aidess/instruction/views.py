from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


@login_required
def inbox(request):
    """The instructors' inbox (issue 13): built by the inbox change."""
    raise PermissionDenied
