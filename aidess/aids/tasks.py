"""Daily jobs of the catalog (found by djhuey, run by the worker)."""

from aidess.aids.moderation import close_past_aids
from aidess.core.tasks import daily

close_past_aids_daily = daily(close_past_aids)
