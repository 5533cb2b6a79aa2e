"""Choice fields over reference tables (departments, regions, providers…): one query, and the
rows kept a short while in the process.

Django's `ModelChoiceIterator` reads its rows through `QuerySet.iterator()`, which on PostgreSQL
opens a server-side cursor: four round trips to the database (declare, fetch, fetch, close)
for a hundred rows, on every page that shows the select. These lists are short and change
rarely (the COG once a year, a new provider now and then): the search page, served to everyone,
reads them once per process every `REFERENCE_CHOICES_SECONDS` (60 s by default; a new provider
shows in the filter within a minute). Validating a submitted value still asks the database."""

import threading
import time

from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIterator

_kept = {}  # {(model label, SQL): (monotonic time read, [objects], {what is made of them})}
_lock = threading.Lock()


def _kept_rows(queryset, key):
    """(rows, memo) of `queryset`, read at most every REFERENCE_CHOICES_SECONDS in this process;
    `memo` lives as long as the rows (what is derived from them: choices, option HTML)."""
    seconds = getattr(settings, "REFERENCE_CHOICES_SECONDS", 60)
    if seconds <= 0:
        return list(queryset.all()), {}
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is None or now - kept[0] > seconds:
        kept = (now, list(queryset.all()), {})  # a fresh clone: rows fetched in one query
        with _lock:
            _kept[key] = kept
    return kept[1], kept[2]


def rows_key(queryset):
    """What tells a queryset's rows from another's: its model and SQL."""
    return (queryset.model._meta.label, str(queryset.query))


def forget_reference_rows():
    """Drop the rows kept (tests)."""
    with _lock:
        _kept.clear()


class OneQueryChoices(ModelChoiceIterator):
    """The field's choices, made once per rows read."""

    def __iter__(self):
        if self.field.empty_label is not None:  # first, without a query (`use_required_attribute`)
            yield ("", self.field.empty_label)
        rows, memo = _kept_rows(self.queryset, self.field.rows_key())
        key = (type(self.field), self.field.to_field_name)
        if key not in memo:
            memo[key] = [self.choice(obj) for obj in rows]
        yield from memo[key]

    def rendering_memo(self):
        """Where `core.widgets.LongSelect` keeps the options' HTML while the rows are kept (None
        when they are not)."""
        if getattr(settings, "REFERENCE_CHOICES_SECONDS", 60) <= 0:
            return None
        memo = _kept_rows(self.queryset, self.field.rows_key())[1]
        key = ("html", type(self.field), self.field.to_field_name, self.field.empty_label)
        return memo.setdefault(key, {})


class ReferenceChoiceField(forms.ModelChoiceField):
    """A `ModelChoiceField` for a short list (up to a few hundred rows) that changes rarely.

    The key of its rows (their SQL) is compiled once per queryset set on the field, not on each
    form: a form's fields are copies of its class's, each with a clone of the same queryset."""

    iterator = OneQueryChoices
    _rows_key = None

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self._rows_key = None

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._rows_key = self.rows_key()  # a clone of the same queryset: the same rows
        return result

    def rows_key(self):
        if self._rows_key is None:
            self._rows_key = rows_key(self.queryset)
        return self._rows_key
