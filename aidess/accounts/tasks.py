from aidess.accounts.housekeeping import purge_expired
from aidess.core.tasks import daily

purge_expired_daily = daily(purge_expired)
