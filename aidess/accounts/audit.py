"""Users in the history of changes: who they are and their rights, never the password."""

from aidess.accounts.models import User
from aidess.history.registry import track

track(
    User,
    include=["email", "first_name", "last_name", "is_active", "is_staff", "is_superuser"],
    m2m=["groups"],
)
