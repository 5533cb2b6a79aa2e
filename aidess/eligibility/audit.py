"""An aid's eligibility criteria in the history of changes (see aidess.history)."""

from aidess.eligibility.models import AidCriteria
from aidess.history.registry import track

track(AidCriteria)
