"""The watch's background work: a structure's risk level assessed again after what it is made
of changed (queued once the change commits, `signals.py`); the BODACC's collective procedures
of the watched structures read every day (`intake/bodacc.py`)."""

from huey.contrib.djhuey import db_task

from aidess.core.tasks import daily
from aidess.structures.models import Structure
from aidess.watch.intake.bodacc import sync
from aidess.watch.knowledge import refresh_risk


@db_task(retries=2, retry_delay=30)
def refresh_structure_risk(structure_id):
    structure = Structure.objects.filter(pk=structure_id).first()
    if structure is not None:  # deleted meanwhile: nothing to assess
        refresh_risk(structure)


bodacc_daily = daily(sync)
