"""Each app opts its models in from its own `audit.py` (imported by its `AppConfig.ready`)."""

from auditlog.registry import auditlog

# Derived or bookkeeping fields, never worth a line of history.
NOISY_FIELDS = ("created_at", "updated_at", "search_vector", "provider_names")

_structure_of = {}


def track(model, *, structure=None, include=(), exclude=(), m2m=()):
    """Log every create, change and delete of `model` (and of its `m2m` fields), of its
    `include` fields only if given. `structure(instance)` gives the id of the structure the
    record belongs to: the structure's own history page lists it (also once it is deleted)."""
    auditlog.register(
        model,
        include_fields=list(include),
        exclude_fields=[*NOISY_FIELDS, *exclude],
        m2m_fields=set(m2m),
    )
    if structure is not None:
        _structure_of[model] = structure


def structure_id_of(instance):
    owner = _structure_of.get(type(instance))
    return owner(instance) if owner else None
