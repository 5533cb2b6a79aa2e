"""Bounds of the dates people type: a year no plan, aid or structure can have is refused in French
(Python and the databases accept years 1 to 9999; « 9999-12 » plus one month is « 10000-01 »)."""

from django import forms
from django.core.exceptions import ValidationError

# Cash-flow plans, aids' opening and closing dates, dates of events a diagnosis records.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# A structure's creation: some mutual societies and foundations are older than the 1901 law.
OLDEST_YEAR = 1800


def out_of_range(year, first=FIRST_YEAR, last=LAST_YEAR):
    """The French message for a year outside [first, last], or None."""
    if first <= year <= last:
        return None
    return f"L'année doit être comprise entre {first} et {last}."


class YearBetween:
    """Form field validator for a date (or datetime) whose year must lie in [first, last]."""

    def __init__(self, first=FIRST_YEAR, last=LAST_YEAR):
        self.first, self.last = first, last

    def __call__(self, value):
        message = value and out_of_range(value.year, self.first, self.last)
        if message:
            raise ValidationError(message, code="year_out_of_range")


def bound_date_fields(form, first=FIRST_YEAR, last=LAST_YEAR, names=None):
    """Add the year bounds to the form's date fields (all of them, or `names`)."""
    for name, field in form.fields.items():
        if (names is None or name in names) and isinstance(field, forms.DateField):
            field.validators.append(YearBetween(first, last))
