"""Partner organisations and their members in the history of changes (see aidess.history)."""

from aidess.history.registry import track
from aidess.organizations.models import Organization, OrganizationMembership

track(Organization, m2m=["regions", "departments"])
track(OrganizationMembership)
