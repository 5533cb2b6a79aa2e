"""A structure's history as its members read it: who (a colleague's name, a partner's
organisation, « Administrateur AidESS », never the e-mail of someone outside the structure),
when, what changed, from where; for the structure and the records that belong to it."""

from dataclasses import dataclass

from aidess.history.context import Origin
from aidess.history.display import (
    ACTIONS,
    OWNER_FIELDS,
    SILENT_FIELDS,
    Reader,
    changes_of,
    object_text,
    origin_text,
)
from aidess.history.models import AuditEntry
from aidess.organizations.models import Organization
from aidess.structures.history_sentences import Sentences
from aidess.structures.models import JoinRequest, StructureMembership

PAGE_SIZE = 20
ADMINISTRATOR = "Administrateur AidESS"
AUTOMATIC = "AidESS (traitement automatique)"
ANONYMOUS = "Personne non connectée"
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
    sentence: str = ""  # a membership or a join request, said in one sentence


@dataclass
class HistoryGroup:
    """What one request, command or job changed: one who, when and from where."""

    first: HistoryRow
    rows: list


class People:
    """Names people for one structure's members; each person is looked up once a page."""

    def __init__(self, structure):
        self.members = set(
            StructureMembership.objects.filter(structure=structure).values_list(
                "user_id", flat=True
            )
        )  # past members too: they were colleagues when they made the change
        self.members |= set(  # and who asked to join: the request names them
            JoinRequest.objects.filter(structure=structure).values_list("user_id", flat=True)
        )
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
    if entry.actor_email:  # kept by auditlog once the account is deleted (never shown here)
        return DELETED_ACCOUNT
    return AUTOMATIC if entry.origin in (Origin.COMMAND, Origin.JOB, "") else ANONYMOUS


def structure_entries(structure):
    return (
        AuditEntry.objects.filter(structure_id=structure.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )


def grouped(rows):
    groups = []
    for row in rows:
        previous = groups[-1].first.entry if groups else None
        if previous and row.entry.cid and row.entry.cid == previous.cid:
            groups[-1].rows.append(row)
        else:
            groups.append(HistoryGroup(row, [row]))
    return groups


def history_groups(entries, structure):
    """The page's entries, those of one request together, in the order they were made (a plan
    before its lines); the newest request first."""
    groups = grouped(history_rows(entries, structure))
    for group in groups:
        group.rows.reverse()
    return groups


def history_rows(entries, structure):
    entries = list(entries)
    people = People(structure)
    reader = Reader(entries, people)
    sentences = Sentences(entries)
    return [
        HistoryRow(
            entry,
            actor_of(entry, people),
            ACTIONS[entry.action],
            object_text(entry),
            origin_text(entry),
            changes_of(entry, reader, silent=SILENT_FIELDS | OWNER_FIELDS),
            sentences(entry),
        )
        for entry in entries
    ]
