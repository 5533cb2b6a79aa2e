"""Bulk writes that still leave a trace: Django's `bulk_create` sends no signal (and neither
does `queryset.update`: save row by row what the history must show)."""

from auditlog.receivers import log_create


def create_logged(model, objects, **options):
    """`bulk_create`, then a history entry per row (the same as a `save` would write)."""
    created = model.objects.bulk_create(objects, **options)
    for instance in created:
        log_create(sender=model, instance=instance, created=True)
    return created
