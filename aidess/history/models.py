"""The one history table: django-auditlog's entry (field diff "before → after", actor, time)
plus where the change came from and the structure the record belongs to."""

from decimal import Decimal, InvalidOperation

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models

from aidess.history.context import Origin, current_source
from aidess.history.registry import structure_id_of


def stamped(instance, fields):
    source = current_source()
    if source is not None:
        fields.setdefault("origin", source.origin)
        fields.setdefault("origin_detail", source.detail)
        if fields.get("actor") is None:
            fields["actor"] = source.user()
    fields.setdefault("structure_id", structure_id_of(instance))
    return fields


def same_number(field, before, after):
    """« 12500 » and « 12500.00 » are one amount: a form's Decimal is not quantized."""
    if not isinstance(field, models.DecimalField):
        return False
    try:
        return Decimal(before) == Decimal(after)
    except (InvalidOperation, TypeError):
        return False


def without_same_numbers(instance, changes):
    fields = {field.name: field for field in instance._meta.concrete_fields}
    return {
        name: change
        for name, change in changes.items()
        if not (
            isinstance(change, list | tuple)
            and len(change) == 2
            and same_number(fields.get(name), *change)
        )
    }


class AuditEntryManager(LogEntryManager):
    def log_create(self, instance, force_log=False, **kwargs):
        if kwargs.get("changes") and kwargs.get("action") == self.model.Action.UPDATE:
            kwargs["changes"] = without_same_numbers(instance, kwargs["changes"])
            if not kwargs["changes"] and not force_log:
                return None
        return super().log_create(instance, force_log, **stamped(instance, kwargs))

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        return super().log_m2m_changes(
            changed_queryset, instance, operation, field_name, **stamped(instance, kwargs)
        )


class AuditEntry(AbstractLogEntry):
    origin = models.CharField("origine", max_length=10, choices=Origin.choices, blank=True)
    origin_detail = models.CharField("détail de l'origine", max_length=300, blank=True)
    # No foreign key: the history of a record outlives it.
    structure_id = models.PositiveBigIntegerField("structure concernée", null=True, blank=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "entrée d'historique"
        verbose_name_plural = "historique des modifications"
        indexes = [
            models.Index(fields=["structure_id", "-timestamp"], name="history_structure_idx"),
            # The catalog's version: the last entry of the catalog's content types.
            models.Index(fields=["content_type", "id"], name="history_type_id_idx"),
        ]
