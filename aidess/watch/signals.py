"""A structure's risk level follows what it is made of: an alert or a partner's indicator about
it, and — for the structures the watch knows (an alert or a level already) — a new cash-flow plan
or self-diagnosis. Assessed in the task queue once the change commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from aidess.cashflow.models import CashflowPlan
from aidess.diagnosis.models import Diagnosis
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
