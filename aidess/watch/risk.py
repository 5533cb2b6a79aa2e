"""The risk level of a structure: a transparent scorecard, not a trained model (small ESS
structures have no years of URSSAF and tax data behind them). Pure Python, no Django import: the
pages, the watch lists and `POST /api/v1/watch/risk` all call `assess`. Rules: docs/RISK.md.

Each rule gives a factor, « préoccupant » (concerning) or « rassurant » (reassuring), with a French
sentence carrying the figure it read. "Within N months" means a runway below N: the balance goes
below zero before the end of month N.

| weight   | factor (code)                                                  | rule                                       |
|----------|----------------------------------------------------------------|--------------------------------------------|
| critical | collective_procedure                                           | safeguard or receivership opened           |
| critical | cash_under_1_month                                             | cash runway < 1 month                      |
| high     | cash_under_3_months                                            | 1 ≤ cash runway < 3 months                 |
| high     | public_funding_cut_major                                       | public funding cut, public share ≥ 50 %    |
| high     | social_debts_3_months                                          | social or tax debts ≥ 3 months             |
| high     | diagnosis_critical                                             | latest self-diagnosis `critical`           |
| medium   | public_funding_cut                                             | public funding cut, share < 50 % (or unknown) |
| medium   | late_public_payments                                           | late public payments                       |
| medium   | social_debts                                                   | 0 < social or tax debts < 3 months         |
| medium   | diagnosis_high                                                 | latest self-diagnosis `high`               |
| medium   | activity_stopped / activity_reduced                            | activity stopped, else reduced             |
| low (+)  | cash_over_6_months                                             | cash runway > 6 months                     |
| low (+)  | no_debt_declared                                               | social or tax debts = 0 months             |
| low (+)  | diversified_funding                                            | public share < 30 %                        |

Level: `closed` when a liquidation is opened (not a level: the structure is shown as closed);
`red` with one critical or two high concerning factors; `orange` with one high or two medium;
`green` otherwise when anything is known (reassuring factors only, or inputs that raise none);
`unknown` when nothing is.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from aidess.diagnosis.assessment import SEVERITY_ORDER
from aidess.nomenclatures.vocabulary import SITUATIONS

RED, ORANGE, GREEN, UNKNOWN, CLOSED = "red", "orange", "green", "unknown", "closed"
LEVELS = (RED, ORANGE, GREEN, UNKNOWN, CLOSED)
CONCERNING, REASSURING = "concerning", "reassuring"
CRITICAL, HIGH, MEDIUM, LOW = "critical", "high", "medium", "low"
WEIGHTS = (CRITICAL, HIGH, MEDIUM, LOW)

NO_PROCEDURE, SAFEGUARD, RECEIVERSHIP, LIQUIDATION = (
    "none",
    "safeguard",
    "receivership",
    "liquidation",
)
PROCEDURES = (NO_PROCEDURE, SAFEGUARD, RECEIVERSHIP, LIQUIDATION)
PROCEDURE_SENTENCES = {
    SAFEGUARD: "Une procédure de sauvegarde est ouverte.",
    RECEIVERSHIP: "Une procédure de redressement judiciaire est ouverte.",
}
# The self-diagnosis's own vocabulary (aidess.diagnosis.assessment): low, moderate, high, critical.
SEVERITIES = tuple(SEVERITY_ORDER)

# The wording → situation codes of aidess.nomenclatures.vocabulary.SITUATIONS:
#   « public funding cut »           → public_funding_cut
#   « late public payments »         → late_payments
#   « activity reduced or stopped »  → activity_stopped (first), activity_reduced
# The other situations (revenue_loss, cash_shortfall, volunteer_demobilisation, dispute,
# covid_crisis) raise no factor: they only make the structure "known". A cash shortfall is
# measured by the runway instead.
FUNDING_CUT = "public_funding_cut"
LATE_PAYMENTS = "late_payments"
ACTIVITY = {
    "activity_stopped": "L'activité est arrêtée.",
    "activity_reduced": "L'activité est réduite.",
}
assert {FUNDING_CUT, LATE_PAYMENTS, *ACTIVITY} <= set(SITUATIONS)

MAJOR_PUBLIC_SHARE = Decimal("0.5")
DIVERSIFIED_PUBLIC_SHARE = Decimal("0.3")
CASH_CRITICAL_MONTHS, CASH_HIGH_MONTHS, CASH_REASSURING_MONTHS = 1, 3, 6
SOCIAL_DEBT_HIGH_MONTHS = 3


@dataclass(frozen=True)
class RiskInputs:
    """What is known of a structure; None is "not known" (never "none")."""

    cash_runway_months: Decimal | float | int | None = None
    public_funding_share: Decimal | float | int | None = None  # between 0 and 1
    situations: frozenset | None = None  # codes of SITUATIONS; empty: declared none
    social_debt_months: Decimal | float | int | None = None
    collective_procedure: str | None = None  # one of PROCEDURES
    diagnosis_severity: str | None = None  # one of SEVERITIES
    # True when a cash-flow plan ends with cash left: the runway is *more than*
    # cash_runway_months (the plan's length), not exactly that.
    cash_lasts_beyond: bool = False

    def __post_init__(self):
        for name in ("cash_runway_months", "public_funding_share", "social_debt_months"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, Decimal | float | int)
            ):
                raise ValueError(f"{name}: a number or None, not {value!r}")
            if value is not None and not 0 <= value < float("inf"):
                raise ValueError(f"{name}: a finite number ≥ 0, not {value!r}")
        if self.public_funding_share is not None and self.public_funding_share > 1:
            raise ValueError(
                f"public_funding_share: between 0 and 1, not {self.public_funding_share}"
            )
        if self.situations is not None:
            object.__setattr__(self, "situations", frozenset(self.situations))
            if unknown := self.situations - set(SITUATIONS):
                raise ValueError(f"situations: unknown {sorted(unknown)}")
        if self.collective_procedure not in (None, *PROCEDURES):
            raise ValueError(f"collective_procedure: {self.collective_procedure!r}")
        if self.diagnosis_severity not in (None, *SEVERITIES):
            raise ValueError(f"diagnosis_severity: {self.diagnosis_severity!r}")

    @property
    def known(self):
        """Anything is known (an empty list of situations is: none declared)."""
        return self.situations is not None or any(
            value is not None
            for value in (
                self.cash_runway_months,
                self.public_funding_share,
                self.social_debt_months,
                self.collective_procedure,
                self.diagnosis_severity,
            )
        )


@dataclass(frozen=True)
class Factor:
    code: str
    effect: str  # CONCERNING or REASSURING
    weight: str  # CRITICAL, HIGH, MEDIUM; LOW for every reassuring factor
    reason: str  # a French sentence with the figure read


@dataclass(frozen=True)
class Assessment:
    level: str
    factors: tuple  # concerning first, heaviest first; then reassuring


def figure(value):
    """« 0,5 », « 12 », « 1 200,25 »: at most 2 decimals, none when whole."""
    number = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def percent(share):
    return f"{figure(Decimal(str(share)) * 100)}\u00a0%"


def months(value):
    return f"{figure(value)} mois"


def concerning(code, weight, reason):
    return Factor(code, CONCERNING, weight, reason)


def reassuring(code, reason):
    return Factor(code, REASSURING, LOW, reason)


def procedure_factors(procedure):
    if procedure == LIQUIDATION:
        yield concerning(
            "liquidation",
            CRITICAL,
            "Une liquidation judiciaire est ouverte : la structure est considérée comme fermée.",
        )
    elif procedure in PROCEDURE_SENTENCES:
        yield concerning("collective_procedure", CRITICAL, PROCEDURE_SENTENCES[procedure])


def cash_factors(runway, beyond):
    if runway is None:
        return
    if beyond:  # the plan ends with cash left after `runway` months
        if runway >= CASH_REASSURING_MONTHS:
            yield reassuring(
                "cash_over_6_months",
                f"La trésorerie couvre plus de 6 mois (solde positif sur les {months(runway)} "
                "du plan de trésorerie).",
            )
    elif runway < CASH_CRITICAL_MONTHS:
        yield concerning(
            "cash_under_1_month",
            CRITICAL,
            f"La trésorerie est épuisée dans moins d'un mois ({months(runway)}).",
        )
    elif runway < CASH_HIGH_MONTHS:
        yield concerning(
            "cash_under_3_months",
            HIGH,
            f"La trésorerie est épuisée dans moins de 3 mois ({months(runway)}).",
        )
    elif runway > CASH_REASSURING_MONTHS:
        yield reassuring(
            "cash_over_6_months", f"La trésorerie couvre plus de 6 mois ({months(runway)})."
        )


def funding_factors(share, situations):
    if FUNDING_CUT in situations:
        if share is None:
            yield concerning(
                "public_funding_cut",
                MEDIUM,
                "Un financement public baisse ou disparaît (part des financements publics "
                "inconnue).",
            )
        elif share >= MAJOR_PUBLIC_SHARE:
            yield concerning(
                "public_funding_cut_major",
                HIGH,
                "Un financement public baisse ou disparaît alors que les financements publics "
                f"font {percent(share)} des ressources (50\u00a0% ou plus).",
            )
        else:
            yield concerning(
                "public_funding_cut",
                MEDIUM,
                "Un financement public baisse ou disparaît ; les financements publics font "
                f"{percent(share)} des ressources (moins de 50\u00a0%).",
            )
    if LATE_PAYMENTS in situations:
        yield concerning("late_public_payments", MEDIUM, "Un financeur public paie en retard.")
    if share is not None and share < DIVERSIFIED_PUBLIC_SHARE:
        yield reassuring(
            "diversified_funding",
            f"Les financements sont diversifiés : les financements publics font {percent(share)} "
            "des ressources (moins de 30\u00a0%).",
        )


def debt_factors(debt_months):
    if debt_months is None:
        return
    if debt_months >= SOCIAL_DEBT_HIGH_MONTHS:
        yield concerning(
            "social_debts_3_months",
            HIGH,
            f"Les dettes sociales ou fiscales atteignent {months(debt_months)} (3 mois ou plus).",
        )
    elif debt_months > 0:
        yield concerning(
            "social_debts",
            MEDIUM,
            f"Les dettes sociales ou fiscales atteignent {months(debt_months)} (moins de 3 mois).",
        )
    else:
        yield reassuring("no_debt_declared", "Aucune dette sociale ou fiscale n'est déclarée.")


def diagnosis_factors(severity):
    if severity == "critical":
        yield concerning(
            "diagnosis_critical",
            HIGH,
            "Le dernier autodiagnostic conclut à une situation critique.",
        )
    elif severity == "high":
        yield concerning(
            "diagnosis_high", MEDIUM, "Le dernier autodiagnostic conclut à une situation difficile."
        )


def activity_factors(situations):
    for code, sentence in ACTIVITY.items():  # stopped first: one factor for both
        if code in situations:
            yield concerning(code, MEDIUM, sentence)
            return


def level_of(inputs, factors):
    if inputs.collective_procedure == LIQUIDATION:
        return CLOSED
    weights = Counter(factor.weight for factor in factors if factor.effect == CONCERNING)
    if weights[CRITICAL] or weights[HIGH] >= 2:
        return RED
    if weights[HIGH] or weights[MEDIUM] >= 2:
        return ORANGE
    return GREEN if inputs.known else UNKNOWN


def assess(inputs: RiskInputs) -> Assessment:
    situations = inputs.situations or frozenset()
    factors = [
        *procedure_factors(inputs.collective_procedure),
        *cash_factors(inputs.cash_runway_months, inputs.cash_lasts_beyond),
        *funding_factors(inputs.public_funding_share, situations),
        *debt_factors(inputs.social_debt_months),
        *diagnosis_factors(inputs.diagnosis_severity),
        *activity_factors(situations),
    ]
    factors.sort(key=lambda f: (f.effect == REASSURING, WEIGHTS.index(f.weight)))
    return Assessment(level_of(inputs, factors), tuple(factors))


def cash_runway(result):
    """(months, beyond) from a cash-flow plan's result (`aidess.cashflow.arithmetic.compute`):
    the number of months before the closing balance first goes below zero; when it never does
    over the plan's N months, (N, True): the runway is more than N. None for a plan of no month."""
    for index, month in enumerate(result.months):
        if month.closing_balance < 0:
            return index, False
    return (len(result.months), True) if result.months else None
