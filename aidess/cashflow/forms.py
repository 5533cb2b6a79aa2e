import datetime

from django import forms

from aidess.cashflow.models import DEFAULT_MONTHS, MAX_PLAN_MONTHS

PERIOD_ERROR = (
    f"Choisissez un mois de départ et une durée de {DEFAULT_MONTHS} à {MAX_PLAN_MONTHS} mois."
)


class NewPlanForm(forms.Form):
    """A blank plan: its first month ("2026-11", as `<input type="month">` sends it) and length."""

    start = forms.CharField(error_messages={"required": PERIOD_ERROR})
    months = forms.TypedChoiceField(
        coerce=int,
        choices=[(n, n) for n in range(DEFAULT_MONTHS, MAX_PLAN_MONTHS + 1)],
        initial=DEFAULT_MONTHS,
        required=False,
        empty_value=DEFAULT_MONTHS,
        error_messages={"invalid_choice": PERIOD_ERROR},
    )

    def clean_start(self):
        try:
            return datetime.date.fromisoformat(f"{self.cleaned_data['start']}-01")
        except ValueError:
            raise forms.ValidationError(PERIOD_ERROR) from None


class PlanFileForm(forms.Form):
    """A workbook to import; what it holds is checked by `xlsx.import_xlsx`, empty files too."""

    file = forms.FileField(
        allow_empty_file=True, error_messages={"required": "Choisissez un fichier XLSX."}
    )
