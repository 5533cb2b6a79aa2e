"""Membership and join-request entries of a structure's history as one French sentence each:
« Marie Dupont a rejoint la structure (approuvée par Camille Martin) »."""

from django.contrib.auth import get_user_model

from aidess.history.models import AuditEntry
from aidess.organizations.models import Organization
from aidess.structures.enums import Confirmation, JoinStatus
from aidess.structures.members import person_name
from aidess.structures.models import JoinRequest, StructureMembership

CREATE, UPDATE = AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE


class Sentences:
    """Reads once, for a page of entries, the memberships and requests they are about, the
    people who confirmed and the organisations that vouched."""

    def __init__(self, entries):
        ids = {StructureMembership: set(), JoinRequest: set()}
        people, organizations = set(), set()
        for entry in entries:
            model = entry.content_type.model_class()
            if model in ids:
                ids[model].add(int(entry.object_id))
                changes = entry.changes_dict or {}
                people.add(after(changes, "confirmed_by"))
                organizations.add(after(changes, "confirming_organization"))
        self.memberships = StructureMembership.objects.select_related("user").in_bulk(
            ids[StructureMembership]
        )
        self.requests = JoinRequest.objects.select_related("user", "decided_by").in_bulk(
            ids[JoinRequest]
        )
        self.people = get_user_model().objects.in_bulk(
            {int(p) for p in people if p and p.isdigit()}
        )
        self.organizations = Organization.objects.in_bulk(
            {int(o) for o in organizations if o and o.isdigit()}
        )

    def __call__(self, entry):
        model = entry.content_type.model_class()
        if model is StructureMembership:
            return self.membership(entry)
        if model is JoinRequest:
            return self.join_request(entry)
        return ""

    def name_in(self, found, entry):
        if found is not None:
            return person_name(found.user)
        return entry.object_repr.split(" — ")[0]  # deleted since: its name when logged

    def confirmer(self, changes):
        confirmed_by = after(changes, "confirmed_by")
        user = self.people.get(int(confirmed_by)) if confirmed_by.isdigit() else None
        return person_name(user) if user else "un administrateur"

    def organization(self, changes):
        code = after(changes, "confirming_organization")
        found = self.organizations.get(int(code)) if code.isdigit() else None
        return found.name if found else "un organisme d'accompagnement"

    def membership(self, entry):
        name = self.name_in(self.memberships.get(int(entry.object_id)), entry)
        changes = entry.changes_dict or {}
        if entry.action == CREATE:
            return f"{name} {self.joined(changes)}"
        if entry.action != UPDATE:
            return f"{name} est retiré(e) de la structure"
        clauses = []
        active, admin = changed(changes, "is_active"), changed(changes, "is_admin")
        if active == "False":
            clauses.append(f"{name} ne fait plus partie de la structure")
        elif active == "True":
            clauses.append(f"{name} {self.joined(changes, again=True)}")
        elif "confirmation" in changes:
            clauses.append(f"Le rattachement de {name} est {self.confirmed(changes)}")
        if admin == "True":
            clauses.append(f"{name} administre désormais la structure")
        elif admin == "False" and active != "False":
            clauses.append(f"{name} n'administre plus la structure")
        return " ; ".join(clauses)

    def joined(self, changes, again=False):
        text = "a rejoint de nouveau la structure" if again else "a rejoint la structure"
        confirmation = after(changes, "confirmation")
        if confirmation == Confirmation.ADMIN_APPROVAL:
            return f"{text} (approuvée par {self.confirmer(changes)})"
        if confirmation == Confirmation.SUPPORT_ORGANISATION:
            return f"{text} ({self.confirmed(changes)})"
        if confirmation == Confirmation.FOUNDER and after(changes, "is_admin") == "True":
            return "a inscrit la structure sur AidESS et l'administre (premier membre)"
        return text

    def confirmed(self, changes):
        if after(changes, "confirmation") == Confirmation.SUPPORT_ORGANISATION:
            return f"confirmé par {self.organization(changes)}"
        if after(changes, "confirmation") == Confirmation.ADMIN_APPROVAL:
            return f"confirmé par {self.confirmer(changes)}"
        return str(Confirmation(after(changes, "confirmation")).label).lower()

    def join_request(self, entry):
        found = self.requests.get(int(entry.object_id))
        name = self.name_in(found, entry).split(" → ")[0]
        status = after(entry.changes_dict or {}, "status")
        if entry.action == CREATE:
            return f"{name} demande à rejoindre la structure"
        decider = person_name(found.decided_by) if found and found.decided_by else ""
        by = f" par {decider}" if decider else ""
        if status == JoinStatus.APPROVED:
            return f"Demande de {name} acceptée{by}"
        if status == JoinStatus.REFUSED:
            reason = f" : « {found.reason} »" if found and found.reason else ""
            return f"Demande de {name} refusée{by}{reason}"
        if status == JoinStatus.CANCELLED:
            return f"{name} a annulé sa demande pour rejoindre la structure"
        return ""


def after(changes, name):
    """The value a field took in an entry ("" when it did not change)."""
    change = changes.get(name)
    if isinstance(change, list) and len(change) == 2 and change[1] not in (None, "None"):
        return str(change[1])
    return ""


def changed(changes, name):
    return after(changes, name) if name in changes else ""
