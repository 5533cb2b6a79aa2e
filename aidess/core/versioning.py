"""No lost edit (optimistic locking): an object's `version` is read with the page; saving claims
it with `UPDATE … WHERE id = … AND version = …`, which bumps it atomically; when no row matches,
someone saved in between and the save is refused with `StaleEdit` instead of erasing their work.

A page carries the version it was read at, and a snapshot (a short hash per field or line) of
what it showed, in a `VersionStamp` (two hidden inputs). On a conflict, `Conflict` says who
saved, when, and which fields or lines changed meanwhile with their stored value; the page is
drawn again with what the person typed and the new version, so saving again applies it on top.

Imports no app: models, forms and API routers of the apps use it.
"""

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from pydantic import Field

from aidess.core import formats
from aidess.core.api import Error

EMPTY = "(vide)"


class StaleEdit(Exception):
    """The object was saved by someone else since it was read; `current` is the stored object
    (None when it was deleted)."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


class Versioned(models.Model):
    """Opt in: inherit this, set `stale_message`, and have edits set `updated_by`.

    Every save of an existing row claims `self.version` (the version this instance was read at,
    or the one a page sent) first, in the same transaction as the rest of the save: whatever the
    caller writes next (lines of a plan, criteria of an aid) is covered by the same version."""

    version = models.PositiveIntegerField("version", default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="modifié par",
    )

    # {who}, {day}, {time}: « Ce plan a été modifié par Léa Martin le 3 mars 2026 à 10 h 05 … »
    stale_message = (
        "Cet élément a été modifié par {who} le {day} à {time} pendant que vous le modifiiez."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            self.claim_version(using)
            return super().save(*args, **kwargs)

    def claim_version(self, using=None):
        """Bump the stored version if it is still `self.version`, else raise `StaleEdit`.
        On PostgreSQL a concurrent claim waits for this transaction, then matches no row."""
        rows = type(self)._base_manager.using(using or router.db_for_write(type(self)))
        claimed = rows.filter(pk=self.pk, version=self.version).update(
            version=models.F("version") + 1, updated_by=self.updated_by_id
        )
        if not claimed:
            raise StaleEdit(rows.select_related("updated_by").filter(pk=self.pk).first())
        self.version += 1


def fingerprint(text):
    """A short hash of a displayed value: enough to tell it changed, small in a hidden input."""
    return hashlib.blake2b(str(text).encode(), digest_size=5).hexdigest()


def snapshot(values):
    """{key: (label, shown value)} → the JSON of {key: hash} a page carries."""
    return json.dumps({key: fingerprint(shown) for key, (_, shown) in values.items()})


def read_snapshot(text):
    """The page's {key: hash}; {} when unreadable, so that every stored value counts as changed."""
    try:
        seen = json.loads(text or "")
    except ValueError:
        return {}
    return seen if isinstance(seen, dict) else {}


def changes_since(seen, values):
    """[(label, stored value)] of what differs from the page as it was read (`seen`, its
    `snapshot`), and how many lines were removed meanwhile."""
    seen = read_snapshot(seen)
    changed = [
        (label, shown)
        for key, (label, shown) in values.items()
        if seen.get(key) != fingerprint(shown)
    ]
    removed = len(set(seen) - set(values))
    if removed:
        changed.append(("Lignes retirées", str(removed)))
    return changed


def shown(value, field=None, choices=None):
    """A stored value as a person reads it (choices by their label, money in French); `choices`
    adds labels the form field does not offer (a status this person may not choose)."""
    if value in (None, "", [], ()):
        return EMPTY
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(shown(item, field, choices) for item in items) or EMPTY
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(value, models.Model):  # a key, as a model form's initial holds
            value = field.queryset.filter(pk=value).first() or value
        return str(value)
    labels = {**(choices or {}), **dict(getattr(field, "choices", None) or [])}
    if value in labels:
        return str(labels[value])
    if isinstance(field, forms.DecimalField) and isinstance(value, str):
        try:  # answers kept as JSON text, "0.5"
            value = Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, Decimal):
        money = getattr(field, "decimal_places", 2) == 2
        return formats.amount(value) if money else number_format(value, use_l10n=True)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    text = str(value)
    return text if len(text) <= 160 else f"{text[:157]}…"


def form_values(*parts):
    """{name: (label, shown value)} of unbound forms built on the stored objects (the aid's form
    and the forms attached to it, say): what the page shows for them."""
    values = {}
    for form in parts:
        model = getattr(getattr(form, "_meta", None), "model", None)
        for name, field in form.fields.items():
            initial = form.get_initial_for_field(field, name)
            shown_value = shown(initial, field, model_choices(model, name))
            values[form.add_prefix(name)] = (str(field.label or name), shown_value)
    return values


def model_choices(model, name):
    """{value: label} of a model field's choices ({} for a form-only field)."""
    try:
        model_field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return {}
    return dict(getattr(model_field, "flatchoices", None) or [])  # a relation has none


class StaleError(Error):
    """The API's 409: the error format, and the stored version to read again."""

    version: int = Field(description="Version enregistrée : relisez-la, puis renvoyez-la.")


class VersionStamp(forms.Form):
    """The version a page was read at and its snapshot: `{% include "core/_version.html" %}`.

    A new object (no pk) needs no stamp. `conflict` moves the stamp to the stored object: the page
    drawn again carries the new version, so saving again applies what was typed on top."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": "La version lue de la page manque : rechargez la page.",
            "invalid": "La version lue de la page est illisible : rechargez la page.",
            "min_value": "La version lue de la page est illisible : rechargez la page.",
        },
    )
    version_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, obj, values):
        self.obj, self.values = obj, values  # values(obj) → {key: (label, shown)}
        initial = {}
        if obj.pk is not None:
            initial = {"version": obj.version, "version_seen": snapshot(values(obj))}
        super().__init__(data if obj.pk is not None else None, initial=initial)

    def read_version(self):
        """Put the version the page was read at on the object before it is saved: its save then
        claims it. False (with the form's error) when the page sent none."""
        if self.obj.pk is None:
            return True
        if not self.is_valid():
            return False
        self.obj.version = self.cleaned_data["version"]
        return True

    @property
    def problem(self):
        """The French message of a missing or unreadable version, if any."""
        return next(iter(self.errors.get("version", [])), "")

    def echoes(self, stale, mine):
        """Whether everything saved since the page was read is what this page sends too (its own
        autosave, a second click): then there is nothing to lose, and the save may claim the
        stored version. `mine` is the object with the page's values on it."""
        if stale.current is None:
            return False
        seen, stored, sent = (
            read_snapshot(self.data.get("version_seen")),
            self.values(stale.current),
            self.values(mine),
        )
        return all(
            sent.get(key, (None, None))[1] == shown_value
            for key, (_label, shown_value) in stored.items()
            if seen.get(key) != fingerprint(shown_value)
        )

    def conflict(self, stale):
        """The `Conflict` of a refused save; the stamp moves to the stored version."""
        current = stale.current
        if current is None:
            return Conflict(None, [])
        values = self.values(current)
        changes = changes_since(self.data.get("version_seen"), values)
        self.data = self.data.copy()
        self.data["version"] = str(current.version)
        self.data["version_seen"] = snapshot(values)
        return Conflict(current, changes)


class Conflict:
    """A refused save: the French message (who, when) and the changes with their stored values."""

    def __init__(self, current, changes):
        self.current, self.changes = current, changes

    @property
    def message(self):
        if self.current is None:
            return "Cet élément a été supprimé pendant que vous le modifiiez."
        when = timezone.localtime(getattr(self.current, "updated_at", None) or timezone.now())
        who = self.current.updated_by or "une autre personne"
        return self.current.stale_message.format(
            who=who, day=date_format(when, "j F Y"), time=when.strftime("%H h %M")
        )

    @property
    def version(self):
        return self.current.version if self.current is not None else None

    def as_api(self):
        """The 409 body: the project's error format, plus the current version."""
        details = {label: f"Valeur enregistrée : {value}" for label, value in self.changes}
        body = {
            "error": f"{self.message} Relisez la version {self.version} puis renvoyez vos "
            "modifications avec ce numéro de version."
            if self.current is not None
            else self.message,
            "version": self.version or 0,
        }
        if details:
            body["details"] = details
        return body


class VersionedModelForm(forms.ModelForm):
    """A model form carrying the version it was read at (the admin's change pages): a page read
    before someone else's save is refused with who and when, and reloading it shows their work."""

    # Not named `version`: the admin refuses a form field named as a non-editable model field.
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["read_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            return data
        read = data.get("read_version") or 0
        rows = type(self.instance)._base_manager.select_related("updated_by")
        current = rows.filter(pk=self.instance.pk).first()
        if current is not None and current.version != read:
            raise ValidationError(
                f"{Conflict(current, []).message} Rechargez la page pour voir ses modifications, "
                "puis refaites les vôtres."
            )
        self.instance.version = read
        return data


class VersionedAdmin:
    """ModelAdmin mixin (before `admin.ModelAdmin`): change pages carry the version, saves record
    who made them."""

    form = VersionedModelForm

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
