"""The inbox's filters as a GET form: what a person typed is checked and kept, and turned into
`filters.InboxFilters` for the page, its exports and the API."""

from django import forms

from aidess.core.dates import bound_date_fields
from aidess.core.fieldgroups import QuickDsfrForm
from aidess.core.widgets import LongSelect, LongSelectMultiple
from aidess.instruction.filters import DEFAULT_TAB, TAB_STATES, UNASSIGNED, InboxFilters


class InboxFilterForm(QuickDsfrForm):
    tab = forms.ChoiceField(
        choices=[(key, key) for key in TAB_STATES], required=False, widget=forms.HiddenInput
    )
    aid = forms.TypedMultipleChoiceField(
        label="Aide", coerce=int, required=False, widget=LongSelectMultiple
    )
    department = forms.CharField(label="Département (code)", max_length=3, required=False)
    submitted_from = forms.DateField(
        label="Déposée à partir du",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = forms.DateField(
        label="Déposée jusqu'au", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    amount_min = forms.DecimalField(
        label="Montant demandé minimum (€)", min_value=0, decimal_places=2, required=False
    )
    amount_max = forms.DecimalField(
        label="Montant demandé maximum (€)", min_value=0, decimal_places=2, required=False
    )
    assigned = forms.ChoiceField(label="Instructeur chargé", required=False, widget=LongSelect)
    label = forms.TypedMultipleChoiceField(
        label="Étiquette", coerce=int, required=False, widget=LongSelectMultiple
    )
    followed = forms.BooleanField(label="Seulement les dossiers que je suis", required=False)
    q = forms.CharField(
        label="Numéro, nom de la structure ou SIRET", max_length=150, required=False
    )

    def __init__(self, data=None, *, aids=(), instructors=(), labels=(), user=None):
        """`aids`, `instructors`, `labels`: (value, label) pairs the person may choose from."""
        super().__init__(data)
        self.user = user
        self.fields["aid"].choices = list(aids)
        self.fields["label"].choices = list(labels)
        self.fields["assigned"].choices = [
            ("", "Tous"),
            (UNASSIGNED, "Personne"),
            *[(str(value), name) for value, name in instructors],
        ]
        bound_date_fields(self)

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", "Le maximum doit être supérieur ou égal au minimum.")
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", "Cette date doit suivre la date de début.")
        return data

    def filters(self):
        """The valid choices as `InboxFilters`; an invalid field is left out (and shown)."""
        data = self.cleaned_data if self.is_bound else {}
        assigned = data.get("assigned") or None
        return InboxFilters(
            tab=data.get("tab") or DEFAULT_TAB,
            aid_ids=tuple(data.get("aid") or ()),
            department_code=(data.get("department") or "").strip().upper(),
            submitted_from=data.get("submitted_from"),
            submitted_to=data.get("submitted_to"),
            amount_min=data.get("amount_min"),
            amount_max=data.get("amount_max"),
            assigned_to=assigned if assigned in (None, UNASSIGNED) else int(assigned),
            label_ids=tuple(data.get("label") or ()),
            followed_by=self.user.pk if data.get("followed") and self.user else None,
            text=data.get("q") or "",
        )
