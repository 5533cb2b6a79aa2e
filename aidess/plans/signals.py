"""Listen to the application lifecycle's log: an application accepted for an aid that active
plans mobilise moves the structure's open lines of those plans to « Aidée » with that aid, in
the decision's transaction (the line and the decision stand or fall together)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.lifecycles.models import TransitionLog
from aidess.plans.follow_up import help_from_decision


@receiver(post_save, sender=TransitionLog, dispatch_uid="plans.application_accepted")
def application_accepted(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.to_state != ApplicationStatus.ACCEPTED:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Application).pk:
        return
    application = Application.objects.filter(pk=instance.object_id).first()
    if application is not None:
        help_from_decision(application)
