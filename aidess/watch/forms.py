"""The watch pages' forms: filing an alert, the home list's filters, the triage actions."""

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.core.fields import EuroField
from aidess.structures.enums import Sector
from aidess.territories import search as commune_search
from aidess.territories.models import Department
from aidess.territories.widgets import CommuneInput
from aidess.watch.enums import (
    AlertCause,
    AlertStatus,
    EscalationReason,
    NationalResource,
    Resolution,
    RiskLevel,
    Urgency,
)
from aidess.watch.filing import clean_siret
from aidess.watch.listing import SIZE_BANDS


def blank(choices, label="Tous"):
    return [("", label), *choices]


class CommuneField(forms.CharField):
    """A commune typed as its name, postal code or « Nom (code INSEE) »."""

    widget = CommuneInput

    def __init__(self, **kwargs):
        super().__init__(max_length=120, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return commune_search.resolve(value) if value else None


class AlertForm(DsfrBaseForm):
    siret = forms.CharField(
        label="SIRET de la structure",
        required=False,
        max_length=20,
        help_text="14 chiffres. Une structure inconnue d'AidESS est créée depuis le répertoire "
        "Sirene ; sans SIRET, saisissez son nom et sa commune.",
    )
    name = forms.CharField(
        label="Nom de la structure", required=False, max_length=250, help_text="Sans SIRET."
    )
    commune = CommuneField(
        label="Commune du siège",
        required=False,
        help_text="Sans SIRET. Tapez le nom ou le code postal, puis choisissez dans la liste.",
    )
    cause = forms.ChoiceField(label="Cause", choices=blank(AlertCause.choices, "Choisir"))
    urgency = forms.ChoiceField(label="Urgence", choices=Urgency.choices, initial=Urgency.MEDIUM)
    amount_at_stake_eur = EuroField(
        label="Montant en jeu (€)",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text="Par exemple 45 000.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    jobs_at_risk_fte = EuroField(  # a decimal typed the French way: « 2,5 »
        label="Emplois menacés (ETP)",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=1,
        help_text="Par exemple 2,5.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    cash_runs_out_on = forms.DateField(
        label="Date à laquelle la trésorerie sera épuisée",
        required=False,
        help_text="Si elle est connue.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    source_detail = forms.CharField(
        label="Source",
        required=False,
        max_length=300,
        help_text="Qui a fait remonter la situation (réseau, financeur, la structure…).",
    )
    description = forms.CharField(
        label="Description de la situation",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    is_confidential = forms.BooleanField(
        label="Signalement confidentiel",
        required=False,
        help_text="Lu seulement par les membres de la cellule ; chaque consultation est "
        "enregistrée.",
    )

    def clean_siret(self):
        return clean_siret(self.cleaned_data.get("siret"))

    def clean(self):
        data = super().clean()
        if not data.get("siret") and "siret" not in self.errors:
            if not data.get("name"):
                self.add_error("name", "Sans SIRET, saisissez le nom de la structure.")
            if not data.get("commune") and "commune" not in self.errors:
                self.add_error("commune", "Sans SIRET, saisissez la commune de la structure.")
        return data

    def alert_fields(self):
        names = [
            "cause",
            "urgency",
            "amount_at_stake_eur",
            "jobs_at_risk_fte",
            "cash_runs_out_on",
            "source_detail",
            "description",
            "is_confidential",
        ]
        return {name: self.cleaned_data[name] for name in names}


class HomeFilterForm(DsfrBaseForm):
    """The home list's filters (GET); an invalid one is shown and left out."""

    q = forms.CharField(label="Nom ou SIRET", required=False, max_length=100)
    departement = forms.ChoiceField(label="Département", required=False)
    secteur = forms.ChoiceField(label="Secteur", required=False, choices=blank(Sector.choices))
    cause = forms.ChoiceField(label="Cause", required=False, choices=blank(AlertCause.choices))
    niveau = forms.ChoiceField(
        label="Niveau de risque", required=False, choices=blank(RiskLevel.choices)
    )
    etat = forms.ChoiceField(
        label="État d'un signalement", required=False, choices=blank(AlertStatus.choices)
    )
    region = forms.ChoiceField(
        label="Région", required=False, widget=forms.HiddenInput
    )  # from the national dashboard's map: not a visible filter
    taille = forms.ChoiceField(
        label="Taille",
        required=False,
        choices=blank([(key, label) for key, (label, _, _) in SIZE_BANDS.items()]),
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = blank(
            [(d.code, f"{d.code} — {d.name}") for d in departments]
        )
        self.fields["region"].choices = blank(
            sorted({(d.region_id, d.region_id) for d in departments})
        )

    def filters(self):
        if not self.is_bound:
            return {}
        cleaned = getattr(self, "cleaned_data", {})
        return {key: value for key, value in cleaned.items() if value and key not in self.errors}


def zone_departments(zone):
    return Department.objects.filter(zone.as_q(region_field="region", department_field="code"))


class QualifyForm(DsfrBaseForm):
    comment = forms.CharField(label="Commentaire", required=False, max_length=3000)


class OrientForm(DsfrBaseForm):
    organizations = forms.MultipleChoiceField(
        label="Organisations d'accompagnement", widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label="Message aux organisations",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].choices = [(str(o.pk), o.name) for o in organizations]
        self.organizations = {str(o.pk): o for o in organizations}

    def chosen(self):
        return [self.organizations[pk] for pk in self.cleaned_data["organizations"]]


class ResolveForm(DsfrBaseForm):
    resolution = forms.ChoiceField(label="Issue", choices=blank(Resolution.choices, "Choisir"))
    comment = forms.CharField(
        label="Ce qui a été fait", max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class EscalateForm(DsfrBaseForm):
    reason = forms.ChoiceField(
        label="Motif de la remontée", choices=blank(EscalationReason.choices, "Choisir")
    )
    comment = forms.CharField(
        label="Précisions", max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(DsfrBaseForm):
    resources = forms.MultipleChoiceField(
        label="Moyens nationaux mobilisés",
        choices=NationalResource.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label="Réponse de la cellule nationale",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowForm(DsfrBaseForm):
    reason = forms.CharField(
        label="Pourquoi la cellule suit cette structure",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UnfollowForm(DsfrBaseForm):
    end_reason = forms.CharField(
        label="Pourquoi le suivi s'arrête",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    actions_taken = forms.CharField(
        label="Actions menées", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(DsfrBaseForm):
    text = forms.CharField(
        label="Commentaire", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
