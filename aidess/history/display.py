"""History entries as a French reader reads them: labels of the fields, values before → after
(« 12 500 € », « oui », the label of a choice, a date), the origin, the kind of change."""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst

from aidess.core.formats import amount, euros
from aidess.history.context import Origin
from aidess.history.models import AuditEntry

ACTIONS = {
    AuditEntry.Action.CREATE: "Création",
    AuditEntry.Action.UPDATE: "Modification",
    AuditEntry.Action.DELETE: "Suppression",
    AuditEntry.Action.ACCESS: "Consultation",
}
EMPTY = "—"
# Fields that say nothing to a reader: the key and the record's owner (the page says it).
SILENT_FIELDS = {"id", "structure", "plan", "aid"}


@dataclass
class Change:
    label: str
    before: str
    after: str


def origin_text(entry):
    if not entry.origin:
        return "Non précisée"
    label = capfirst(Origin(entry.origin).label)
    return f"{label} ({entry.origin_detail})" if entry.origin_detail else label


def object_text(entry):
    model = entry.content_type.model_class()
    kind = capfirst(model._meta.verbose_name) if model else entry.content_type.model
    return f"{kind} « {entry.object_repr} »"


def is_empty(raw):
    return raw is None or raw in ("None", "", "null", "[]", "{}")


def money_like(field):
    return "€" in str(field.verbose_name) or "montant" in str(field.verbose_name)


def number_text(field, raw):
    try:
        Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        return str(raw)
    if money_like(field):
        return euros(raw)
    return amount(raw) + ("\u00a0%" if "%" in str(field.verbose_name) else "")


def related_text(field, raw, person):
    related = field.related_model
    if related is get_user_model():
        return person(related.objects.filter(pk=raw).first())
    found = related._base_manager.filter(pk=raw).first()
    return str(found) if found is not None else f"n° {raw} (supprimé)"


def value_text(field, raw, person):
    """One stored value (auditlog keeps them as text) as a reader reads it."""
    if is_empty(raw):
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(field, models.BooleanField):
        return "oui" if raw in ("True", True) else "non"
    if isinstance(field, models.DecimalField):
        return number_text(field, raw)
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(raw))
        if moment is None:
            return str(raw)
        if timezone.is_naive(moment):  # auditlog stores them naive, in UTC
            moment = timezone.make_aware(moment, datetime.UTC)
        return date_format(timezone.localtime(moment), "j F Y à H:i")
    if isinstance(field, models.DateField):
        day = parse_date(str(raw))
        return date_format(day, "j F Y") if day else str(raw)
    if field.is_relation:
        return related_text(field, raw, person)
    return str(raw)


def json_changes(field, label, before, after):
    """A JSON list of amounts (a cash-flow line's months) changes month by month; any other
    JSON value reads as its items."""
    old, new = (json.loads(value) if not is_empty(value) else None for value in (before, after))
    if isinstance(old, list) and isinstance(new, list) and money_like(field):
        width = max(len(old), len(new))
        old, new = old + [None] * (width - len(old)), new + [None] * (width - len(new))
        return [
            Change(f"{label}, mois {index + 1}", euros(a) or EMPTY, euros(b) or EMPTY)
            for index, (a, b) in enumerate(zip(old, new, strict=True))
            if a != b and not (a and b and Decimal(a) == Decimal(b))
        ]
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old or {}, new or {}
        return [
            Change(f"{label} : {key}", plain(old.get(key)), plain(new.get(key)))
            for key in sorted(set(old) | set(new), key=str)
            if old.get(key) != new.get(key)
        ]
    return [Change(label, plain(old), plain(new))]


def plain(value):
    if value in (None, "", [], {}):
        return EMPTY
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def changes_of(entry, person=str):
    """The entry's changes, field by field; `person(user)` names a user a value points to."""
    model = entry.content_type.model_class()
    found = []
    for name, change in (entry.changes_dict or {}).items():
        if name in SILENT_FIELDS:
            continue
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = capfirst(str(field.verbose_name)) if field else name
        if isinstance(change, dict):  # many-to-many: "add" or "delete" of some objects
            names = ", ".join(change.get("objects", []))
            if change.get("operation") == "add":
                found.append(Change(label, EMPTY, f"ajout : {names}"))
            else:
                found.append(Change(label, names, "retrait"))
            continue
        before, after = change
        if field is None:
            found.append(Change(label, str(before), str(after)))
        elif isinstance(field, models.JSONField):
            found.extend(json_changes(field, label, before, after))
        else:
            old, new = value_text(field, before, person), value_text(field, after, person)
            if old != new:
                found.append(Change(label, old, new))
    if entry.action == AuditEntry.Action.DELETE:
        return []  # what was deleted is named by the entry itself
    if entry.action == AuditEntry.Action.CREATE:
        found = [change for change in found if change.after != EMPTY]
    return found
