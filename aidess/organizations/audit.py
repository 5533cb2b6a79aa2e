"""Partner organisations and their members in the history of changes (see aidess.history)."""

from aidess.history.registry import track
from aidess.organizations.models import ApiToken, Organization, OrganizationMembership

track(Organization, m2m=["regions", "departments"])
track(OrganizationMembership, labels={"user": "membre", "organization": "organisation"})
# Created, revoked: who and when (the hash says nothing to a reader, the prefix names it).
track(ApiToken, exclude=["secret_hash", "last_used_at"])
