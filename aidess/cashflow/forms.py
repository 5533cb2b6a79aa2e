"""The new-plan form: the first month as a list of month names and a year typed in figures, which
every browser draws alike (`<input type="month">` is a bare text box in Firefox and Safari, where
« 2026-11 » had to be typed in a format nobody is told)."""

import datetime

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.cashflow.models import DEFAULT_MONTHS, MAX_PLAN_MONTHS
from aidess.core.dates import FIRST_YEAR, LAST_YEAR
from aidess.core.formats import MONTHS


class PlanStartForm(DsfrBaseForm):
    start_month = forms.TypedChoiceField(
        label="Premier mois",
        choices=[(number, name.capitalize()) for number, name in enumerate(MONTHS, 1)],
        coerce=int,
        error_messages={
            "required": "Choisissez le premier mois du plan.",
            "invalid_choice": "Choisissez le premier mois du plan dans la liste.",
        },
    )
    start_year = forms.IntegerField(
        label="Année",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        error_messages={
            "required": "Indiquez l'année du premier mois.",
            "invalid": "Indiquez l'année en chiffres, par exemple 2027.",
            "min_value": f"Indiquez une année de {FIRST_YEAR} à {LAST_YEAR}.",
            "max_value": f"Indiquez une année de {FIRST_YEAR} à {LAST_YEAR}.",
        },
    )
    months = forms.TypedChoiceField(
        label="Durée",
        choices=[(n, f"{n} mois") for n in range(DEFAULT_MONTHS, MAX_PLAN_MONTHS + 1)],
        coerce=int,
        error_messages={
            "required": f"Choisissez une durée de {DEFAULT_MONTHS} à {MAX_PLAN_MONTHS} mois.",
            "invalid_choice": f"Choisissez une durée de {DEFAULT_MONTHS} à {MAX_PLAN_MONTHS} mois.",
        },
    )

    def __init__(self, *args, today=None, **kwargs):
        today = today or datetime.date.today()
        kwargs.setdefault(
            "initial",
            {"start_month": today.month, "start_year": today.year, "months": DEFAULT_MONTHS},
        )
        super().__init__(*args, **kwargs)

    def start(self):
        return datetime.date(self.cleaned_data["start_year"], self.cleaned_data["start_month"], 1)


class PlanFileForm(forms.Form):
    """A workbook to import; what it holds is checked by `xlsx.import_xlsx`, empty files too."""

    file = forms.FileField(
        allow_empty_file=True, error_messages={"required": "Choisissez un fichier XLSX."}
    )
