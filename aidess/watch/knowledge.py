"""What AidESS knows of a structure, read as the risk scorecard's inputs (`risk.RiskInputs`).

Not known yet: collective procedures (the BODACC and alerts will tell) and social debts (the
URSSAF's partner indicators will): left None, so they raise no factor and say nothing.
"""

from aidess.diagnosis.models import Diagnosis
from aidess.watch.risk import RiskInputs, cash_runway

# The self-diagnosis's severities (aidess.diagnosis.assessment.SEVERITY_ORDER) are the
# scorecard's own: low « Situation maîtrisée », moderate « à surveiller », high « difficile »,
# critical « critique ». Kept as a table so that a change on either side shows here.
SEVERITY_OF_DIAGNOSIS = {
    "low": "low",
    "moderate": "moderate",
    "high": "high",
    "critical": "critical",
}


def latest_plan(structure):
    """The plan last saved, as the application file shows it."""
    return structure.cashflow_plans.order_by("-updated_at", "-pk").prefetch_related("lines").first()


def latest_severity(structure):
    """The severity of the last completed self-diagnosis; None without one."""
    diagnosis = (
        Diagnosis.objects.filter(structure=structure, completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .first()
    )
    return SEVERITY_OF_DIAGNOSIS[diagnosis.assessment().severity] if diagnosis else None


def declared_situations(structure):
    """Its declared situations; None when it never declared any (not "no difficulty")."""
    situations = frozenset(structure.situations.values_list("situation", flat=True))
    if not situations and structure.situations_declared_at is None:
        return None
    return situations


def risk_inputs_of(structure):
    plan = latest_plan(structure)
    runway = cash_runway(plan.result()) if plan else None
    share = structure.public_funding_share  # a percentage, 0 to 100
    return RiskInputs(
        cash_runway_months=runway[0] if runway else None,
        cash_lasts_beyond=runway[1] if runway else False,
        public_funding_share=share / 100 if share is not None else None,
        situations=declared_situations(structure),
        diagnosis_severity=latest_severity(structure),
        social_debt_months=None,  # partner indicators (URSSAF) come later
        collective_procedure=None,  # alerts and BODACC records come later
    )
