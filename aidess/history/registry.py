"""Each app opts its models in from its own `audit.py` (imported by its `AppConfig.ready`)."""

from auditlog.registry import auditlog

# Derived or bookkeeping fields, never worth a line of history.
NOISY_FIELDS = ("created_at", "updated_at", "search_vector", "provider_names")

_structure_of = {}
_labels = {}
_keys = {}


def track(model, *, structure=None, include=(), exclude=(), m2m=(), labels=None, json_keys=None):
    """Log every create, change and delete of `model` (and of its `m2m` fields), of its
    `include` fields only if given. `structure(instance)` gives the id of the structure the
    record belongs to: the structure's own history page lists it (also once it is deleted).
    `labels` names in French the fields that have no French verbose name; `json_keys` the keys
    of a JSON field: {field: {key: (label, {value: label of the value})}}."""
    auditlog.register(
        model,
        include_fields=list(include),
        exclude_fields=[*NOISY_FIELDS, *exclude],
        m2m_fields=set(m2m),
    )
    if structure is not None:
        _structure_of[model] = structure
    _labels[model] = labels or {}
    _keys[model] = json_keys or {}


def structure_id_of(instance):
    owner = _structure_of.get(type(instance))
    return owner(instance) if owner else None


def label_of(model, name):
    return _labels.get(model, {}).get(name)


def key_of(model, name, key):
    """(label, labels of the values) of a key of the JSON field `name`, if the app gave them."""
    return _keys.get(model, {}).get(name, {}).get(key)
