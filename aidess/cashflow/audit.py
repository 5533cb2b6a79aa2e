"""Cash-flow plans and their lines (monthly amounts) in the history of changes."""

from aidess.cashflow.models import CashflowLine, CashflowPlan
from aidess.history.registry import track

track(CashflowPlan, structure=lambda plan: plan.structure_id)
# `position` only follows the order of the grid.
track(CashflowLine, structure=lambda line: line.plan.structure_id, exclude=["position"])
