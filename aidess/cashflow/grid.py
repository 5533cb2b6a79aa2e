"""The editing grid: read what was posted (keeping raw text for re-display), then save it."""

from dataclasses import dataclass, field

from django.db import transaction

from aidess.cashflow.arithmetic import ZERO, Line, Plan, compute, month_label, parse_amount
from aidess.cashflow.models import MAX_PLAN_MONTHS, CashflowLine, LineCategory, LineKind
from aidess.core import formats


@dataclass
class GridLine:
    key: str  # database id, or "new-N" for a line added in the page
    kind: str
    category: str
    label: str
    raw: list  # what was typed, cell by cell
    amounts: list
    deleted: bool = False
    meanwhile: bool = False  # saved by someone else while this page was open (see `rebase`)


@dataclass
class Grid:
    start_year: int
    start_month: int
    months: int
    opening_raw: str
    opening: object
    lines: list
    errors: dict = field(default_factory=dict)  # cell name → French message

    def month_labels(self):
        """« novembre 2026 »…: column headings, and the names of the cells for screen readers."""
        return [
            formats.month_name(month_label(self.start_year, self.start_month, i))
            for i in range(self.months)
        ]

    def receipts(self):
        return [line for line in self.lines if line.kind == LineKind.RECEIPT and not line.deleted]

    def expenses(self):
        return [line for line in self.lines if line.kind == LineKind.EXPENSE and not line.deleted]

    def as_plan(self):
        def lines(items):
            return tuple(Line(item.label, tuple(item.amounts)) for item in items)

        return Plan(
            self.start_year,
            self.start_month,
            self.opening,
            lines(self.receipts()),
            lines(self.expenses()),
            self.months,
        )

    def result(self):
        return compute(self.as_plan())


def grid_of(plan):
    lines = [
        GridLine(
            str(line.pk),
            line.kind,
            line.category,
            line.label,
            [formats.amount(a) for a in line.amounts[: plan.months]],  # « 4 000 », as typed back
            [parse_amount(a, "", {}) for a in line.amounts[: plan.months]],
        )  # fmt: skip
        for line in plan.lines.all()
    ]
    for line in lines:
        missing = plan.months - len(line.raw)
        line.raw += ["0"] * missing
        line.amounts += [ZERO] * missing
    return Grid(plan.start.year, plan.start.month, plan.months, formats.amount(plan.opening_balance),
                plan.opening_balance, lines)  # fmt: skip


def cell_name(key, month):
    return f"amount-{key}-{month}"


def grid_from_post(plan, data):
    """The grid as posted; `add` in data ("receipt"/"expense") appends an empty line."""
    errors = {}
    months = plan.months
    if data.get("months"):
        try:
            months = min(max(int(data["months"]), 1), MAX_PLAN_MONTHS)
        except ValueError:
            errors["months"] = "Nombre de mois invalide."
    opening_raw = data.get("opening_balance", "0")
    opening = parse_amount(opening_raw, "opening_balance", errors, allow_negative=True)
    keys = data.getlist("line")
    lines = []
    for key in keys:
        kind = data.get(f"kind-{key}")
        if kind not in LineKind.values:
            continue
        raw = [data.get(cell_name(key, m), "0") or "0" for m in range(months)]
        amounts = [parse_amount(value, cell_name(key, m), errors) for m, value in enumerate(raw)]
        label = (data.get(f"label-{key}") or "").strip()[:120]
        if not label:
            errors[f"label-{key}"] = "Donnez un libellé à la ligne."
        category = data.get(f"category-{key}")
        if category not in LineCategory.values:
            category = (
                LineCategory.OTHER_RECEIPT
                if kind == LineKind.RECEIPT
                else LineCategory.OTHER_EXPENSE
            )
        lines.append(
            GridLine(key, kind, category, label, raw, amounts, bool(data.get(f"delete-{key}")))
        )
    added = data.get("add")
    if added in LineKind.values:
        number = len(keys) + 1
        while f"new-{number}" in keys:  # lines removed but not saved are gone from `keys`
            number += 1
        key = f"new-{number}"
        category = (
            LineCategory.OTHER_RECEIPT if added == LineKind.RECEIPT else LineCategory.OTHER_EXPENSE
        )
        lines.append(
            GridLine(key, added, category, "Nouvelle ligne", ["0"] * months, [ZERO] * months)
        )
    grid = Grid(plan.start.year, plan.start.month, months, opening_raw, opening, lines, errors)
    return grid


@transaction.atomic
def save_grid(plan, grid, aid=None):
    """Stores the grid, and the what-if aid typed beside it (None: no what-if) to show it again."""
    plan.months = grid.months
    plan.opening_balance = grid.opening
    plan.aid_simulation_eur = aid
    plan.save(update_fields=["months", "opening_balance", "aid_simulation_eur", "updated_at"])
    existing = {str(line.pk): line for line in plan.lines.all()}
    for position, item in enumerate(grid.lines):
        line = existing.pop(item.key, None)
        if item.deleted:
            if line:
                line.delete()
            continue
        line = line or CashflowLine(plan=plan, kind=item.kind)
        line.category, line.label, line.position = item.category, item.label, position
        line.amounts = [f"{amount:.2f}" for amount in item.amounts]
        line.save()
    CashflowLine.objects.filter(pk__in=[line.pk for line in existing.values()]).delete()


def plan_values(plan):
    """What the plan's page shows, key by key, for its version snapshot (`core.versioning`):
    the settings and each stored line."""
    values = {
        "months": ("Durée", f"{plan.months} mois"),
        "opening_balance": ("Trésorerie de départ", formats.euros(plan.opening_balance)),
    }
    for line in plan.lines.all():
        amounts = " / ".join(formats.amount(a) for a in line.amounts[: plan.months])
        values[f"line-{line.pk}"] = (line.get_kind_display(), f"« {line.label} » : {amounts}")
    return values


def rebase(grid, plan):
    """After a refused save: the grid as typed, plus the stored lines it does not hold (added
    meanwhile), so that saving again keeps them."""
    known = {line.key for line in grid.lines}
    for line in grid_of(plan).lines:
        if line.key not in known:
            line.meanwhile = True
            missing = grid.months - len(line.raw)
            line.raw = line.raw[: grid.months] + ["0"] * missing
            line.amounts = line.amounts[: grid.months] + [ZERO] * missing
            grid.lines.append(line)
    return grid


def grid_from_api(plan, body):
    """The grid an API client sends (`schemas.PlanUpdate`): every line replaced, each keeping the
    category of a stored line of the same kind and label."""
    categories = {(line.kind, line.label): line.category for line in plan.lines.all()}
    lines = []
    for kind, items in ((LineKind.RECEIPT, body.receipts), (LineKind.EXPENSE, body.expenses)):
        other = (
            LineCategory.OTHER_RECEIPT if kind == LineKind.RECEIPT else LineCategory.OTHER_EXPENSE
        )
        for item in items:
            label = (item.label.strip() or f"Ligne {len(lines) + 1}")[:120]
            category = categories.get((kind, label), other)
            raw = [formats.amount(a) for a in item.amounts]
            lines.append(
                GridLine(f"new-{len(lines)}", kind, category, label, raw, list(item.amounts))
            )
    months = len(lines[0].amounts)
    return Grid(plan.start.year, plan.start.month, months, formats.amount(body.opening_balance),
                body.opening_balance, lines)  # fmt: skip
