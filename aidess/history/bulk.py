"""Bulk writes that still leave a trace: Django's `bulk_create` and `update` send no signal."""

from auditlog.receivers import log_create


def create_logged(model, objects, **options):
    """`bulk_create`, then a history entry per row (the same as a `save` would write)."""
    created = model.objects.bulk_create(objects, **options)
    for instance in created:
        log_create(sender=model, instance=instance, created=True)
    return created


def update_logged(queryset, **values):
    """`queryset.update(**values)` saved row by row, so each change is in the history;
    returns how many rows changed."""
    count = 0
    for instance in queryset:
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        count += 1
    return count
