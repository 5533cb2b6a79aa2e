"""The questionnaire, in short steps; each step is a form whose cleaned data is saved as JSON."""

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.core.dates import OLDEST_YEAR, YearBetween
from aidess.diagnosis.models import STEP_COUNT

YES_NO = [("", "—"), ("yes", "Oui"), ("no", "Non")]
FUNDERS = [
    ("state", "État"),
    ("region", "Région"),
    ("department", "Département"),
    ("commune_epci", "Commune ou EPCI"),
    ("sales", "Ventes et prestations"),
    ("donations", "Dons et mécénat"),
]
SUPPORT = [
    ("dla", "DLA"),
    ("france_active", "France Active"),
    ("bank", "Banque"),
    ("local_authority", "Collectivité"),
    ("network", "Réseau ou fédération"),
    ("other", "Autre"),
]


def money(label, **kwargs):
    return forms.DecimalField(
        label=label, min_value=0, max_digits=14, decimal_places=2, required=False, **kwargs
    )


class StepForm(DsfrBaseForm):
    title = ""

    def answers(self):
        """JSON-ready answers: decimals and dates as strings, yes/no as booleans."""
        result = {}
        for name, value in self.cleaned_data.items():
            if (
                isinstance(self.fields[name], forms.ChoiceField)
                and self.fields[name].choices == YES_NO
            ):
                value = {"yes": True, "no": False}.get(value)
            elif value is not None and not isinstance(value, bool | list | str | int):
                value = str(value) if not hasattr(value, "isoformat") else value.isoformat()
            result[name] = value
        return result

    @classmethod
    def initial_from(cls, answers):
        initial = {}
        for name, field in cls.base_fields.items():
            value = answers.get(name)
            if (
                isinstance(field, forms.ChoiceField)
                and field.choices == YES_NO
                and value is not None
            ):
                value = "yes" if value else "no"
            initial[name] = value
        return initial


class ActivityStep(StepForm):
    title = "Votre activité"
    activity_status = forms.ChoiceField(
        label="Où en est votre activité ?",
        choices=[("normal", "Normale"), ("reduced", "Réduite"), ("stopped", "Arrêtée")],
        widget=forms.RadioSelect,
    )
    activity_since = forms.DateField(
        label="Depuis quand ?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[YearBetween(OLDEST_YEAR)],
    )


class ResourcesStep(StepForm):
    title = "Vos ressources"
    resources_lost_eur = money("Ressources perdues sur l'année (€)")
    funders_lost = forms.MultipleChoiceField(
        label="Lesquelles ?", choices=FUNDERS, widget=forms.CheckboxSelectMultiple, required=False
    )
    funding_cut = forms.ChoiceField(
        label="Un financement public baisse-t-il ou disparaît-il ?", choices=YES_NO, required=False
    )
    funding_cut_funder = forms.CharField(label="Quel financeur ?", max_length=120, required=False)
    funding_cut_eur = money("Montant de la baisse (€)")
    funding_cut_announced_on = forms.DateField(
        label="Annoncée le",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[YearBetween()],
    )
    late_payments_eur = money("Sommes dues par des financeurs publics en retard (€)")
    late_payments_days = forms.IntegerField(
        label="Retard (jours)", min_value=0, max_value=3650, required=False
    )
    dispute = forms.ChoiceField(
        label="Un différend vous oppose-t-il à un client ou un financeur ?",
        choices=YES_NO,
        required=False,
    )


class CashStep(StepForm):
    title = "Votre trésorerie"
    cash_in_hand_eur = money("Trésorerie disponible aujourd'hui (€)")
    months_covered = forms.DecimalField(
        label="Combien de mois de dépenses couvre-t-elle ?",
        min_value=0,
        max_digits=5,
        decimal_places=1,
        required=False,
    )


class TeamStep(StepForm):
    title = "Équipe, gouvernance et bénévoles"
    partial_activity = forms.ChoiceField(
        label="Des salariés sont-ils en activité partielle ?", choices=YES_NO, required=False
    )
    layoffs_considered = forms.ChoiceField(
        label="Des licenciements sont-ils envisagés ?", choices=YES_NO, required=False
    )
    board_mobilised = forms.ChoiceField(
        label="Le bureau ou le CA est-il mobilisé ?", choices=YES_NO, required=False
    )
    volunteers_lost = forms.ChoiceField(
        label="Des bénévoles se sont-ils démobilisés ?", choices=YES_NO, required=False
    )


class SupportStep(StepForm):
    title = "Accompagnement déjà reçu"
    support_received = forms.MultipleChoiceField(
        label="Qui vous accompagne déjà ?",
        choices=SUPPORT,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_notes = forms.CharField(
        label="Précisions",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


STEPS = [ActivityStep, ResourcesStep, CashStep, TeamStep, SupportStep]
assert len(STEPS) == STEP_COUNT
