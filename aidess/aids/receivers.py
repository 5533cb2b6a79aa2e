"""Keeps what the catalog copies from other apps up to date."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid
from aidess.organizations.models import Organization


@receiver(post_save, sender=Organization, dispatch_uid="aids-provider-renamed")
def provider_renamed(sender, instance, raw=False, **kwargs):
    """A renamed provider: its aids' lists and search index show the new name."""
    if raw:
        return
    aids = Aid.objects.filter(providers=instance).only("pk", "provider_names")
    stale = [aid.pk for aid in aids if instance.name not in aid.provider_list]
    if stale:
        reindex(Aid.objects.filter(pk__in=stale))
