"""Listen to the application lifecycle's log: each new `TransitionLog` of an application queues
its notifications once the transaction commits (never for a change that is rolled back)."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from aidess.applications.models import Application
from aidess.lifecycles.models import TransitionLog
from aidess.notifications.tasks import application_status_changed


@receiver(post_save, sender=TransitionLog, dispatch_uid="notifications.transition_logged")
def transition_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Application).pk:
        return
    transaction.on_commit(partial(application_status_changed, instance.pk))
