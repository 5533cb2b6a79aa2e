"""Forms of the advisors' and managers' pages: the home's search, a state change with its
comment, « Pas pour nous » with a redirection, the statistics' period."""

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.core.dates import bound_date_fields
from aidess.orientation.advisor_inbox import DEFAULT_TAB, TAB_KEYS, HomeFilters

COMMENT_MAX = 2000


class HomeFilterForm(DsfrBaseForm):
    tab = forms.ChoiceField(choices=[(key, key) for key in TAB_KEYS], required=False)
    q = forms.CharField(
        label="Structure",
        help_text="Nom ou SIRET",
        max_length=200,
        required=False,
    )
    departement = forms.ChoiceField(label="Département", required=False)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", "Tous")] + list(departments)
        self.fields["departement"].error_messages["invalid_choice"] = (
            "Choisissez un département de la liste."
        )

    def filters(self):
        """What was valid (an invalid field is shown with its message and left out)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return HomeFilters(
            tab=data.get("tab") or DEFAULT_TAB,
            text=data.get("q", ""),
            department=data.get("departement", ""),
        )


class TransitionForm(DsfrBaseForm):
    """A state change; its comment is required when the transition asks for one."""

    comment = forms.CharField(
        max_length=COMMENT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, transition=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        if transition is not None and transition.comment:
            field.label, field.required = transition.comment, True
            field.error_messages["required"] = f"{transition.comment} : ce champ est obligatoire."
        else:
            field.label = "Commentaire (facultatif)"
        self._bound_fields_cache.clear()  # DsfrBaseForm bound them with the class's label


class DeclineForm(DsfrBaseForm):
    reason = forms.CharField(
        label="Motif",
        help_text="Pourquoi la demande n'est pas pour votre organisation.",
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Motif : ce champ est obligatoire."},
    )
    redirect_to = forms.ModelChoiceField(
        label="Réorienter vers",
        help_text="Elle recevra la demande avec votre motif.",
        queryset=None,
        required=False,
        empty_label="Ne pas réorienter",
        error_messages={"invalid_choice": "Choisissez une organisation de la liste."},
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, prefix="decline", **kwargs)
        self.fields["redirect_to"].queryset = choices


class PeriodForm(DsfrBaseForm):
    du = forms.DateField(
        label="Envoyées à partir du",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
    )
    au = forms.DateField(
        label="Jusqu'au",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date_fields(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("du"), data.get("au")
        if start and end and start > end:
            self.add_error("au", "La fin de la période précède son début.")
        return data

    def period(self):
        if not self.is_bound or not self.is_valid():
            return None, None
        return self.cleaned_data.get("du"), self.cleaned_data.get("au")
