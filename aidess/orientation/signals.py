"""Listen to recipients and their handling: each new recipient of a confirmed request, and each
request confirmed after its recipients were chosen (a request sent without an account), tells
the organisations concerned; each `TransitionLog` of a recipient tells the request's contact.
All once the transaction commits (nothing for a change rolled back)."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from aidess.lifecycles.models import TransitionLog
from aidess.orientation.models import HelpRequest, Recipient
from aidess.orientation.tasks import recipient_added, recipient_handled


@receiver(post_save, sender=Recipient, dispatch_uid="orientation.recipient_created")
def recipient_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.request.confirmed_at is not None:
        transaction.on_commit(partial(recipient_added, instance.pk))


@receiver(pre_save, sender=HelpRequest, dispatch_uid="orientation.confirmation_seen")
def confirmation_seen(sender, instance, raw=False, update_fields=None, **kwargs):
    """Whether this save confirms the request (the stored one was not), read only when it may."""
    may_confirm = (
        not raw
        and instance.pk is not None
        and instance.confirmed_at is not None
        and (update_fields is None or "confirmed_at" in update_fields)
    )
    instance._confirming = (
        may_confirm
        and HelpRequest.objects.filter(pk=instance.pk, confirmed_at__isnull=True).exists()
    )


@receiver(post_save, sender=HelpRequest, dispatch_uid="orientation.request_confirmed")
def request_confirmed(sender, instance, created, raw=False, **kwargs):
    """The recipients chosen before the confirmation hear of the request now."""
    if created or raw or not getattr(instance, "_confirming", False):
        return
    for pk in instance.recipients.values_list("pk", flat=True):
        transaction.on_commit(partial(recipient_added, pk))


@receiver(post_save, sender=TransitionLog, dispatch_uid="orientation.recipient_transition")
def recipient_transition(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Recipient).pk:
        return
    transaction.on_commit(partial(recipient_handled, instance.pk))
