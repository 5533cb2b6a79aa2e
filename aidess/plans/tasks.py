from huey.contrib.djhuey import db_task

from aidess.plans.activation import create_outreach


@db_task(retries=2, retry_delay=30)
def create_plan_outreach(plan_id):
    """A plan's outreach, in the background (activation.create_outreach)."""
    return create_outreach(plan_id)
