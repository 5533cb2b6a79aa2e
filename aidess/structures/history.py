"""A structure's history as its members read it: who (a colleague's name, a partner's
organisation, « Administrateur AidESS », never the e-mail of someone outside the structure),
when, what changed, from where; for the structure and the records that belong to it."""

from dataclasses import dataclass

from aidess.history.display import ACTIONS, changes_of, object_text, origin_text
from aidess.history.models import AuditEntry
from aidess.organizations.models import Organization
from aidess.structures.models import StructureMembership

PAGE_SIZE = 20
ADMINISTRATOR = "Administrateur AidESS"
AUTOMATIC = "AidESS (traitement automatique)"
DELETED_ACCOUNT = "Compte supprimé"
SOMEONE = "Un utilisateur d'AidESS"


@dataclass
class HistoryRow:
    entry: AuditEntry
    who: str
    action: str
    what: str
    origin: str
    changes: list


class People:
    """Names people for one structure's members; each person is looked up once a page."""

    def __init__(self, structure):
        self.members = set(
            StructureMembership.objects.filter(structure=structure).values_list(
                "user_id", flat=True
            )
        )  # past members too: they were colleagues when they made the change
        self.named = {}

    def __call__(self, user):
        if user is None:
            return DELETED_ACCOUNT
        if user.pk not in self.named:
            self.named[user.pk] = self.name_of(user)
        return self.named[user.pk]

    def name_of(self, user):
        if user.pk in self.members:
            return user.get_full_name() or user.email
        if user.is_staff:
            return ADMINISTRATOR
        organizations = Organization.objects.filter(
            memberships__user=user, memberships__is_active=True
        ).values_list("name", flat=True)
        return ", ".join(organizations) or SOMEONE


def actor_of(entry, people):
    if entry.actor is not None:
        return people(entry.actor)
    # auditlog keeps the actor's e-mail when its account is deleted (never shown here).
    return DELETED_ACCOUNT if entry.actor_email else AUTOMATIC


def structure_entries(structure):
    return (
        AuditEntry.objects.filter(structure_id=structure.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )


def history_rows(entries, structure):
    people = People(structure)
    return [
        HistoryRow(
            entry,
            actor_of(entry, people),
            ACTIONS[entry.action],
            object_text(entry),
            origin_text(entry),
            changes_of(entry, people),
        )
        for entry in entries
    ]
