"""The watch's records in the history of changes of their structure."""

from aidess.history.registry import track
from aidess.watch.models import Alert, Comment, Follow, Indicator

track(Alert, structure=lambda alert: alert.structure_id)
track(Follow, structure=lambda follow: follow.structure_id)
track(Comment, structure=lambda comment: comment.structure_id)
track(Indicator, structure=lambda indicator: indicator.structure_id)
