"""Changes made by a background job (huey) are recorded as coming from it, with its name."""

from huey.contrib.djhuey import HUEY

from aidess.history.context import Origin, start_recording, stop_recording

_running = {}  # task id → token of its recording (a job runs in one worker thread)


@HUEY.pre_execute()
def record_job(task):
    _running[task.id] = start_recording(Origin.JOB, task.name)


@HUEY.post_execute()
def end_job_recording(task, task_value, exception):
    token = _running.pop(task.id, None)
    if token is not None:
        stop_recording(token)
