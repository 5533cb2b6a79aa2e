"""XLSX export (with live formulas a treasurer can keep editing) and import of the same layout."""

import io
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from aidess.cashflow.arithmetic import Line, Plan, PlanError, month_label, parse_amount
from aidess.cashflow.xlsx_limits import check_unpacked_size

MARKER = "Plan de trésorerie AidESS"
SHEET = "Plan de trésorerie"
HEADER_ROW, FIRST_LINE_ROW = 5, 6
RECEIPT, EXPENSE = "Encaissement", "Décaissement"
MONEY = "#,##0.00"
MAX_BYTES = 2 * 1024 * 1024


def export_xlsx(plan, structure_name):
    """Bytes of a workbook whose totals, balances and need are formulas over the amount cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet["A1"], sheet["A1"].font = MARKER, Font(bold=True, size=14)
    sheet["A2"], sheet["B2"] = "Structure", structure_name
    sheet["B2"].data_type = "s"
    sheet["A3"], sheet["B3"] = "Solde de trésorerie en début de période", plan.opening_balance
    sheet["B3"].number_format = MONEY
    months = plan.month_labels()
    sheet.cell(HEADER_ROW, 1, "Sens").font = Font(bold=True)
    sheet.cell(HEADER_ROW, 2, "Ligne").font = Font(bold=True)
    for index, label in enumerate(months):
        sheet.cell(HEADER_ROW, 3 + index, label).font = Font(bold=True)
    row = FIRST_LINE_ROW
    for kind, lines in ((RECEIPT, plan.receipts), (EXPENSE, plan.expenses)):
        for line in lines:
            sheet.cell(row, 1, kind)
            sheet.cell(row, 2, line.label).data_type = "s"  # "=…" stays text, never a formula
            for index, amount in enumerate(line.amounts):
                sheet.cell(row, 3 + index, amount).number_format = MONEY
            row += 1
    last_line = row - 1
    totals = {
        "in": row + 1, "out": row + 2, "net": row + 3, "closing": row + 4, "need": row + 6,
    }  # fmt: skip
    labels = {
        "in": "Total des encaissements",
        "out": "Total des décaissements",
        "net": "Flux net du mois",
        "closing": "Solde de trésorerie en fin de mois",
    }
    for key, label in labels.items():
        sheet.cell(totals[key], 1, "Total")
        sheet.cell(totals[key], 2, label).font = Font(bold=True)
    for index in range(len(months)):
        col = get_column_letter(3 + index)
        span = f"{col}{FIRST_LINE_ROW}:{col}{last_line}"
        kinds = f"$A${FIRST_LINE_ROW}:$A${last_line}"
        formulas = {
            "in": f'=SUMIF({kinds},"{RECEIPT}",{span})',
            "out": f'=SUMIF({kinds},"{EXPENSE}",{span})',
            "net": f"={col}{totals['in']}-{col}{totals['out']}",
            "closing": (
                f"=$B$3+{col}{totals['net']}"
                if index == 0
                else f"={get_column_letter(2 + index)}{totals['closing']}+{col}{totals['net']}"
            ),
        }
        for key, formula in formulas.items():
            sheet.cell(totals[key], 3 + index, formula).number_format = MONEY
    last_col = get_column_letter(2 + len(months))
    sheet.cell(totals["need"], 1, "Total")
    sheet.cell(totals["need"], 2, "Besoin de financement immédiat").font = Font(bold=True)
    need = sheet.cell(
        totals["need"], 3, f"=MAX(0,-MIN(C{totals['closing']}:{last_col}{totals['closing']}))"
    )
    need.number_format, need.font = MONEY, Font(bold=True)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 42
    for index in range(len(months)):
        sheet.column_dimensions[get_column_letter(3 + index)].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_xlsx(content):
    """A Plan read from bytes in the export's layout, or PlanError with one message per bad cell."""
    grid = read_grid(content)
    if grid.value(1, 1) != MARKER or grid.value(HEADER_ROW, 2) != "Ligne":
        raise PlanError(
            {
                "fichier": "Ce classeur ne suit pas le modèle AidESS : exportez un plan et partez de ce fichier."
            }
        )
    errors = {}
    months = read_months(grid, errors)
    opening = parse_amount(
        cell_text(grid.value(3, 2)), "Ligne 3, colonne B", errors, allow_negative=True
    )
    receipts, expenses = [], []
    for row in range(FIRST_LINE_ROW, grid.max_row + 1):
        kind = grid.value(row, 1)
        if kind not in (RECEIPT, EXPENSE):
            if kind in (None, "") and grid.value(row, 2) in (None, ""):
                continue
            if kind == "Total":
                break
            found = "Sens manquant" if kind in (None, "") else f"« {kind} »"
            errors[f"Ligne {row}, colonne A"] = f"{found} : « {RECEIPT} » ou « {EXPENSE} » attendu."
            continue
        amounts = tuple(
            parse_amount(
                cell_text(grid.value(row, 3 + index)),
                f"Ligne {row}, colonne {get_column_letter(3 + index)}",
                errors,
            )
            for index in range(len(months))
        )
        line = Line(str(grid.value(row, 2) or f"Ligne {row}")[:120], amounts)
        (receipts if kind == RECEIPT else expenses).append(line)
    if not receipts and not expenses:
        errors["lignes"] = "Aucune ligne d'encaissement ni de décaissement."
    if errors:
        raise PlanError(errors)
    year, month = (int(part) for part in months[0].split("-"))
    return Plan(year, month, opening, tuple(receipts), tuple(expenses))


class Grid:
    """The first sheet's values, read once (openpyxl's read-only cells are found by rereading)."""

    def __init__(self, rows):
        self.rows = rows
        self.max_row = len(rows)

    def value(self, row, column):
        """The value at 1-based (row, column), None outside what the sheet holds."""
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]


def read_grid(content):
    """The first sheet of a workbook whose size was checked before openpyxl unpacks it."""
    if len(content) > MAX_BYTES:
        raise PlanError({"fichier": "Le fichier dépasse 2 Mo."})
    if not content.startswith(b"PK\x03\x04"):
        raise PlanError({"fichier": "Ce fichier n'est pas un classeur XLSX."})
    check_unpacked_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise PlanError({"fichier": "Ce classeur XLSX est illisible."}) from None
    return Grid(rows)


def cell_text(value):
    """Numbers come back as float or int: str() of them is exact for 2-decimal amounts."""
    if value is None:
        return "0"
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


def read_months(grid, errors):
    months = []
    column = 3
    while grid.value(HEADER_ROW, column) not in (None, ""):
        months.append(str(grid.value(HEADER_ROW, column)).strip())
        column += 1
    if not 1 <= len(months) <= 24:
        errors["mois"] = "Le plan compte de 1 à 24 mois (ligne 5, à partir de la colonne C)."
        return months or ["2000-01"]
    try:
        year, month = (int(part) for part in months[0].split("-"))
        expected = [month_label(year, month, offset) for offset in range(len(months))]
    except ValueError:
        expected = None
    if expected != months:
        errors["mois"] = "Les mois (ligne 5) doivent se suivre, sans doublon, au format AAAA-MM."
    return months if expected == months else ["2000-01"] * len(months)
