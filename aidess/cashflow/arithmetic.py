"""Cash-flow plan arithmetic, month by month, in Decimal. Pure Python (no Django import).

For each month: total receipts, total expenses, net flow, closing balance (the next month opens
with it). For the plan: the lowest closing balance, its month, and the immediate financing need:
the smallest amount which, received before the first month, keeps every closing balance ≥ 0.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_MONTHS = 24
MAX_AMOUNT = Decimal("1000000000000")  # excluded: numeric(14, 2) columns hold less than 10^12


@dataclass(frozen=True)
class Line:
    label: str
    amounts: tuple  # one Decimal per month, ≥ 0: the line's kind gives the sign


@dataclass(frozen=True)
class Plan:
    start_year: int
    start_month: int
    opening_balance: Decimal
    receipts: tuple = ()
    expenses: tuple = ()
    months: int = 0  # a saved plan's duration, kept when it has no line; 0: the lines' length

    @property
    def length(self):
        if self.months:
            return self.months
        lines = self.receipts + self.expenses
        return len(lines[0].amounts) if lines else 0

    def month_labels(self):
        return [month_label(self.start_year, self.start_month, i) for i in range(self.length)]


@dataclass(frozen=True)
class Month:
    label: str  # "2026-01"
    receipts: Decimal
    expenses: Decimal
    net: Decimal
    closing_balance: Decimal


@dataclass(frozen=True)
class Result:
    months: tuple
    lowest_balance: Decimal
    lowest_month: str
    financing_need: Decimal


def month_label(year, month, offset=0):
    index = year * 12 + (month - 1) + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def compute(plan: Plan, top_up: Decimal = ZERO) -> Result:
    """The plan's months and need; `top_up` is money received before the first month (an aid)."""
    balance = plan.opening_balance + top_up
    months = []
    for index, label in enumerate(plan.month_labels()):
        receipts = sum((line.amounts[index] for line in plan.receipts), ZERO)
        expenses = sum((line.amounts[index] for line in plan.expenses), ZERO)
        net = receipts - expenses
        balance += net
        months.append(Month(label, receipts, expenses, net, balance))
    if not months:
        return Result((), balance, "", max(ZERO, -balance))
    lowest = min(months, key=lambda month: month.closing_balance)  # first of equal lows
    need = max(ZERO, -lowest.closing_balance)
    return Result(tuple(months), lowest.closing_balance, lowest.label, need)


class PlanError(ValueError):
    """Every problem found, by place ("receipts[0].amounts[2]") → French message."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{place} : {message}" for place, message in errors.items()))
        self.errors = errors


def parse_amount(value, place, errors, allow_negative=False):
    """A Decimal with at most 2 decimals, from a string or a number (never a float's noise)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        errors[place] = "Montant attendu (nombre ou texte comme « 1250.50 »)."
        return ZERO
    text = str(value).strip().replace(" ", "").replace("\u202f", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        errors[place] = f"« {value} » n'est pas un montant."
        return ZERO
    if not amount.is_finite():
        errors[place] = f"« {value} » n'est pas un montant."
        return ZERO
    if abs(amount) >= MAX_AMOUNT:
        errors[place] = f"« {value} » est trop grand (moins de 1 000 milliards d'euros)."
        return ZERO
    if amount != amount.quantize(CENT):
        errors[place] = f"« {value} » a plus de 2 décimales."
        return ZERO
    if amount < 0 and not allow_negative:
        errors[place] = "Montant négatif : saisissez-le en positif, la ligne donne le sens."
        return ZERO
    return amount.quantize(CENT)


def money(value):
    return f"{value.quantize(CENT):.2f}"


def result_as_json(result):
    return {
        "months": [
            {
                "month": month.label,
                "receipts": money(month.receipts),
                "expenses": money(month.expenses),
                "net": money(month.net),
                "closing_balance": money(month.closing_balance),
            }
            for month in result.months
        ],
        "lowest_balance": money(result.lowest_balance),
        "lowest_month": result.lowest_month,
        "financing_need": money(result.financing_need),
    }
