"""What AidESS knows of a structure, read as the risk scorecard's inputs (`risk.RiskInputs`):
its latest cash-flow plan, public share, declared situations and self-diagnosis, the collective
procedure its open alerts report (BODACC, partners) and the latest social debt a partner's file
gave (URSSAF). `refresh_risk` stores the result (`StructureRisk`) and copies the level onto the
structure's alerts, which the lists and dashboards sort and count by.
"""

from dataclasses import asdict

from django.utils import timezone

from aidess.diagnosis.models import Diagnosis
from aidess.watch.enums import OPEN_ALERT_STATES, AlertCause, IndicatorKind
from aidess.watch.models import Alert, Indicator, StructureRisk
from aidess.watch.risk import LIQUIDATION, RECEIVERSHIP, SAFEGUARD, RiskInputs, assess, cash_runway

# The gravest procedure reported wins: a liquidation closes the structure.
PROCEDURE_GRAVITY = [LIQUIDATION, RECEIVERSHIP, SAFEGUARD]

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
        social_debt_months=latest_social_debt(structure),
        collective_procedure=reported_procedure(structure),
    )


def reported_procedure(structure):
    """The gravest collective procedure its open alerts report; None when none does."""
    reported = set(
        Alert.objects.filter(
            structure=structure,
            status__in=OPEN_ALERT_STATES,
            cause=AlertCause.COLLECTIVE_PROCEDURE,
        )
        .exclude(collective_procedure="")
        .values_list("collective_procedure", flat=True)
    )
    return next((procedure for procedure in PROCEDURE_GRAVITY if procedure in reported), None)


def latest_social_debt(structure):
    """Months of social debt in the latest partner file (URSSAF); None without one."""
    value = (
        Indicator.objects.filter(structure=structure, kind=IndicatorKind.SOCIAL_DEBT_MONTHS)
        .order_by("-observed_on")
        .values_list("value", flat=True)
        .first()
    )
    return float(value) if value is not None else None


def refresh_risk(structure):
    """Assess the structure again, store its level and factors, copy the level on its alerts."""
    assessment = assess(risk_inputs_of(structure))
    StructureRisk.objects.update_or_create(
        structure=structure,
        defaults={
            "level": assessment.level,
            "factors": [asdict(factor) for factor in assessment.factors],
            "computed_at": timezone.now(),
        },
    )
    Alert.objects.filter(structure=structure).exclude(level=assessment.level).update(
        level=assessment.level
    )
    return assessment
