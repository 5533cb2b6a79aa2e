"""Background work of the instruction: the ZIP exports, built then kept for `EXPORT_DAYS` days."""

import datetime
import logging

from django.utils import timezone
from huey.contrib.djhuey import task

from aidess.core.tasks import daily
from aidess.instruction.exports import build_zip
from aidess.instruction.models import ExportJob, ExportState

logger = logging.getLogger(__name__)
FAILED = "L'archive n'a pas pu être construite. Relancez l'export ; si cela se reproduit, "
FAILED += "écrivez à l'équipe AidESS."


@task()
def build_export(job_id):
    """Build a ZIP export; its state says « prêt » or « échec » on "Mes exports"."""
    job = ExportJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or job.state != ExportState.RUNNING:
        return
    try:
        build_zip(job)
    except Exception:  # noqa: BLE001 - whatever broke, the person sees « échec », we see the log
        logger.exception("Export %s : échec de la construction de l'archive", job_id)
        job.state, job.error = ExportState.FAILED, FAILED
    else:
        job.state = ExportState.READY
    job.finished_at = timezone.now()
    job.save()


def purge_expired_exports(today):
    """Delete the exports (files included) that expired before `today` began; returns how many.
    The download refuses an expired export at once: the purge only frees the space."""
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    expired = ExportJob.objects.filter(expires_at__lt=start)
    count = 0
    for job in expired.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


purge_expired_exports_daily = daily(purge_expired_exports)
