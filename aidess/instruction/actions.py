"""What an instructor does to applications besides changing their state: follow, assign, label,
and the same on a selection (batch), deciding with one reason through `decisions`.

Each function takes applications the caller already fetched through
`applications_instructed_by`; the rules here are the ones that depend on the application
(who it may be assigned to, which labels fit its aid).
"""

from dataclasses import dataclass

from django.db import transaction

from aidess.applications import decisions
from aidess.applications.models import Label
from aidess.core.api import ApiError
from aidess.core.versioning import StaleEdit
from aidess.instruction.permissions import assignable_users, labels_for

STALE = "elle a été modifiée entre-temps : rechargez la page et recommencez."


class ActionRefused(Exception):
    """A French sentence saying why nothing was done."""


def follow(application, user):
    application.followers.add(user)


def unfollow(application, user):
    application.followers.remove(user)


def assign(application, user, assignee):
    """Assign to `assignee` (None: nobody), an active member of one of the aid's providers."""
    if assignee is not None and not assignable_users(application).filter(pk=assignee.pk).exists():
        raise ActionRefused(
            f"{assignee} n'est pas membre actif d'une organisation porteuse de cette aide."
        )
    application.assigned_to = assignee
    application.updated_by = user
    application.save(update_fields=["assigned_to", "updated_at"])


def set_labels(application, user, chosen):
    """The user's providers' labels on `application` become `chosen`; others' labels stay."""
    mine = set(labels_for(application, user).values_list("pk", flat=True))
    chosen = {label.pk for label in chosen}
    if chosen - mine:
        raise ActionRefused("Cette étiquette n'appartient pas à un porteur de cette aide.")
    kept = set(application.labels.exclude(pk__in=mine).values_list("pk", flat=True))
    application.labels.set(kept | chosen)


def add_label(application, user, label):
    if not labels_for(application, user).filter(pk=label.pk).exists():
        raise ActionRefused(
            f"L'étiquette « {label.name} » n'appartient pas à un porteur de cette aide."
        )
    application.labels.add(label)


def create_label(organization, name):
    """The organisation's label named `name` (case ignored), created if needed."""
    name = " ".join(name.split())
    if not name:
        raise ActionRefused("Indiquez le nom de l'étiquette.")
    existing = Label.objects.filter(organization=organization, name__iexact=name).first()
    return existing or Label.objects.create(organization=organization, name=name)


@dataclass(frozen=True)
class Outcome:
    application: object
    done: bool
    message: str


# What was done, for one application and for several: « 3 demandes refusées ».
BATCH_DONE = {
    "assign": ("assignée", "assignées"),
    "follow": ("suivie", "suivies"),
    "unfollow": ("n'est plus suivie", "ne sont plus suivies"),
    "label": ("étiquetée", "étiquetées"),
    "refuse": ("refusée", "refusées"),
    "close": ("classée sans suite", "classées sans suite"),
}


def run_batch(applications, user, action, assignee=None, label=None, reason=""):
    """Apply `action` to each application on its own: one refusal does not stop the others.
    Returns one `Outcome` per application, in order."""
    outcomes = []
    for application in applications:
        try:
            with transaction.atomic():
                if action == "assign":
                    assign(application, user, assignee)
                elif action == "follow":
                    follow(application, user)
                elif action == "unfollow":
                    unfollow(application, user)
                elif action == "label":
                    add_label(application, user, label)
                elif action in ("refuse", "close"):
                    decisions.decide_without_grant(application, user, action, reason)
                else:
                    raise ActionRefused(f"Action inconnue : « {action} ».")
        except (ActionRefused, ApiError) as refusal:
            outcomes.append(Outcome(application, False, str(refusal)))
        except StaleEdit:
            outcomes.append(Outcome(application, False, STALE))
        else:
            outcomes.append(Outcome(application, True, BATCH_DONE[action][0]))
    return outcomes
