"""A structure's risk level follows what it is made of: an alert or a partner's indicator about
it, and — for the structures the watch knows (an alert or a level already) — a new cash-flow plan
or self-diagnosis. Assessed in the task queue once the change commits. And a request for help
left without answer becomes an alert."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from aidess.cashflow.models import CashflowPlan
from aidess.diagnosis.models import Diagnosis
from aidess.orientation.enums import Relaunch
from aidess.orientation.models import HelpRequest
from aidess.watch.escalation import alert_from_unanswered_request
from aidess.watch.models import Alert, Indicator, StructureRisk


def refresh_later(structure_id):
    from aidess.watch.tasks import refresh_structure_risk

    transaction.on_commit(lambda: refresh_structure_risk(structure_id))


@receiver(post_save, sender=Alert, dispatch_uid="watch_risk_after_alert")
@receiver(post_save, sender=Indicator, dispatch_uid="watch_risk_after_indicator")
def watched_record_saved(sender, instance, **kwargs):
    refresh_later(instance.structure_id)


@receiver(post_save, sender=CashflowPlan, dispatch_uid="watch_risk_after_plan")
@receiver(post_save, sender=Diagnosis, dispatch_uid="watch_risk_after_diagnosis")
def finances_saved(sender, instance, **kwargs):
    structure_id = instance.structure_id
    transaction.on_commit(lambda: refresh_if_watched(structure_id))


def refresh_if_watched(structure_id):
    if StructureRisk.objects.filter(structure_id=structure_id).exists():
        refresh_later(structure_id)


@receiver(post_save, sender=HelpRequest, dispatch_uid="watch_alert_after_unanswered_request")
def request_escalated(sender, instance, update_fields=None, **kwargs):
    """A request nobody took after 21 working days is escalated by the relaunches: it becomes
    an alert of the structure's regional cell (`escalation.py`)."""
    if instance.relaunch == Relaunch.WATCH_CELL and "relaunch" in (update_fields or ()):
        alert_from_unanswered_request(instance)
