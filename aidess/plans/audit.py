"""Plans in the history of changes; their lines' status changes are `TransitionLog`s."""

from aidess.history.registry import track
from aidess.plans.models import EmergencyPlan, PlanTarget

track(
    EmergencyPlan,
    m2m=["aids", "support_offers", "organizations", "managers", "regions", "departments"],
)
track(
    PlanTarget,
    structure=lambda target: target.structure_id,
    exclude=["updated_at", "invitation_mailed"],
)
