"""The aid's own questions in the history of changes (the terms and the application's decision
are tracked by `applications.audit`): who added, reworded, reordered or removed one."""

from aidess.applications.models import AidQuestion
from aidess.history.registry import track

track(AidQuestion)
