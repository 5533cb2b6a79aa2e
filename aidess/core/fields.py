"""Form fields shared by the apps."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError


class EuroField(forms.DecimalField):
    """An amount as people type it: « 1 200,50 », « 1200.50 », « 1 200 € »."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u202f", "").replace("\xa0", "")
            value = value.replace(" ", "").replace(",", ".")
        if value in self.empty_values:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
