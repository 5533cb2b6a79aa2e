"""Lifecycles as explicit state machines: the allowed transitions of a status field declared in
one place, checked before anything changes, each one logged (`TransitionLog`).

    AID_LIFECYCLE = Lifecycle(AidStatus, [
        Transition("publish", "Publier", {SUBMITTED}, PUBLISHED, allowed=is_moderator),
        ...
    ])
    AID_LIFECYCLE.apply(aid, "publish", user)  # or TransitionRefused, in French

`allowed(user, obj)` says who may; `user` is None when the platform acts alone (a daily command).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from aidess.core.api import ApiError
from aidess.lifecycles.models import TransitionLog


def nobody(user, obj):
    return False


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # what the button says: "Publier"
    sources: frozenset
    target: str
    allowed: Callable = nobody
    comment: str = ""  # the label of a required comment ("Motif du refus"); "" when optional
    offered: bool = True  # False: triggered by a rule (an edit, a date), never a button

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))


class TransitionRefused(ApiError):
    """A French message for the person and its status (409: not from this state, 403: not for
    this person, 400: comment missing). An `ApiError`: raised in an API endpoint, it is answered
    as `{"error": message}` with that status, with nothing to write."""

    def __init__(self, message, status=409):
        super().__init__(status, message)
        self.status = status


class Lifecycle:
    def __init__(self, states, transitions, field="status"):
        self.states, self.field = states, field
        self.transitions = {t.name: t for t in transitions}

    def label(self, state):
        return self.states(state).label

    def available(self, obj, user):
        """The buttons `user` may press on `obj` now."""
        current = getattr(obj, self.field)
        return [
            t
            for t in self.transitions.values()
            if t.offered and current in t.sources and t.allowed(user, obj)
        ]

    def check(self, obj, name, user, comment=""):
        transition = self.transitions.get(name)
        if transition is None:
            raise TransitionRefused(f"Action inconnue : « {name} ».", 400)
        current = getattr(obj, self.field)
        if current not in transition.sources:
            sources = " ou ".join(f"« {self.label(s)} »" for s in sorted(transition.sources))
            raise TransitionRefused(
                f"Action « {transition.label} » impossible : l'état est « {self.label(current)} »"
                f" (il faut {sources})."
            )
        if not transition.allowed(user, obj):
            raise TransitionRefused(
                f"Cette action (« {transition.label} ») ne vous est pas permise.", 403
            )
        if transition.comment and not comment.strip():
            raise TransitionRefused(f"{transition.comment} : ce champ est obligatoire.", 400)
        return transition

    @transaction.atomic
    def apply(self, obj, name, user=None, comment=""):
        """Check against the stored state (row locked), set the target, save, log."""
        stored = type(obj).objects.select_for_update().filter(pk=obj.pk)
        setattr(obj, self.field, stored.values_list(self.field, flat=True).get())
        transition = self.check(obj, name, user, comment)
        source = getattr(obj, self.field)
        setattr(obj, self.field, transition.target)
        touched = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=[self.field, *touched])
        return TransitionLog.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            transition=name,
            from_state=source,
            to_state=transition.target,
            actor=user,
            comment=comment.strip(),
        )

    def logs(self, objs):
        """The logs of `objs` (same model), oldest first."""
        model = type(objs[0]) if objs else None
        if model is None:
            return TransitionLog.objects.none()
        return TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[obj.pk for obj in objs],
        ).select_related("actor")

    def history(self, obj):
        """Each transition of `obj` with its states' labels, for a page."""
        entries = list(self.logs([obj]))
        for entry in entries:
            entry.from_label, entry.to_label = (
                self.label(entry.from_state),
                self.label(entry.to_state),
            )
            entry.label = getattr(self.transitions.get(entry.transition), "label", entry.transition)
        return entries

    def last_into(self, objs, state):
        """{pk: the last log that brought each of `objs` into `state`}: a refusal's reason."""
        return {log.object_id: log for log in self.logs(objs).filter(to_state=state)}
