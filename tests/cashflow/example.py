"""The issue's example plan (JSON form) and its result, computed by hand."""

EXAMPLE = {
    "start": "2026-01",
    "opening_balance": "1000.00",
    "receipts": [{"label": "Ventes", "amounts": ["3000", "4000", "2000"]}],
    "expenses": [{"label": "Salaires", "amounts": ["5000", "3500", "4500.50"]}],
}
EXAMPLE_RESULT = {
    "months": [
        {"month": "2026-01", "receipts": "3000.00", "expenses": "5000.00", "net": "-2000.00", "closing_balance": "-1000.00"},
        {"month": "2026-02", "receipts": "4000.00", "expenses": "3500.00", "net": "500.00", "closing_balance": "-500.00"},
        {"month": "2026-03", "receipts": "2000.00", "expenses": "4500.50", "net": "-2500.50", "closing_balance": "-3000.50"},
    ],
    "lowest_balance": "-3000.50",
    "lowest_month": "2026-03",
    "financing_need": "3000.50",
}  # fmt: skip
