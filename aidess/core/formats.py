"""Money and months written as a French reader expects them: « 12 500 € », « novembre 2026 ».

Pure Python, no aidess import: any app (and its templates, through the `french` tags) uses it.
"""

import datetime
from decimal import Decimal

# Espace fine insécable, the French thousands separator; the cash-flow grid reads it back.
THOUSANDS = "\u202f"
NO_BREAK = "\u00a0"  # between a number and its unit
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
SHORT_MONTHS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


def amount(value):
    """« 12 500 », « 3 000,50 », « -500 », « 0 »: cents only when there are some."""
    if value is None or value == "":
        return ""
    number = Decimal(value).quantize(Decimal("0.01"))
    digits = (
        f"{abs(number):,.0f}" if number == number.to_integral_value() else f"{abs(number):,.2f}"
    )
    sign = "-" if number < 0 else ""
    return sign + digits.replace(",", THOUSANDS).replace(".", ",")


def euros(value):
    """« 12 500 € », « 0 € », « -3 000,50 € »; empty for no value."""
    text = amount(value)
    return f"{text}{NO_BREAK}€" if text else ""


def _year_month(value):
    """(year, month) of a date or of an ISO « 2026-11 » label."""
    if isinstance(value, datetime.date):
        return value.year, value.month
    year, month = str(value).split("-")[:2]
    return int(year), int(month)


def month_name(value):
    """« novembre 2026 » for « 2026-11 » or a date."""
    year, month = _year_month(value)
    return f"{MONTHS[month - 1]} {year}"


def short_month(value):
    """« nov. » for « 2026-11 » or a date: where « novembre 2026 » does not fit (chart axis)."""
    return SHORT_MONTHS[_year_month(value)[1] - 1]
