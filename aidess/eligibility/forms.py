from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.aids.enums import Need
from aidess.core.fieldgroups import QuickDsfrForm
from aidess.core.widgets import LongSelect
from aidess.eligibility.engine import Profile
from aidess.eligibility.models import CRITERIA_FIELDS, CRITERIA_RANGES, AidCriteria
from aidess.eligibility.profiles import place_codes
from aidess.nomenclatures.models import LegalForm
from aidess.structures.enums import Sector, Situation
from aidess.territories import search as commune_search
from aidess.territories.widgets import CommuneInput

YES_NO = [("", "Je ne sais pas"), ("yes", "Oui"), ("no", "Non")]
ANSWER = {"yes": True, "no": False, "": None}


class SimulationForm(QuickDsfrForm):
    """A few questions, no account: every unanswered question leaves its criteria to confirm."""

    legal_form = forms.ChoiceField(
        label="Forme juridique",
        choices=[("", "Je ne sais pas"), *LegalForm.choices],
        required=False,
        widget=LongSelect,
    )
    commune = forms.CharField(
        label="Commune du siège",
        required=False,
        max_length=120,
        help_text="Nom ou code postal, puis choisissez dans la liste.",
        widget=CommuneInput,
    )
    sector = forms.ChoiceField(
        label="Secteur d'activité",
        choices=[("", "Je ne sais pas"), *Sector.choices],
        required=False,
        widget=LongSelect,
    )
    ess = forms.ChoiceField(
        label="Structure de l'ESS ?", choices=YES_NO, required=False, widget=LongSelect
    )
    esus = forms.ChoiceField(
        label="Agréée ESUS ?", choices=YES_NO, required=False, widget=LongSelect
    )
    iae = forms.ChoiceField(
        label="Structure de l'IAE ?", choices=YES_NO, required=False, widget=LongSelect
    )
    employees_fte = forms.DecimalField(
        label="Salariés (ETP)", min_value=0, max_digits=9, decimal_places=2, required=False
    )
    annual_budget_eur = forms.DecimalField(
        label="Budget annuel (€)", min_value=0, max_digits=14, decimal_places=2, required=False
    )
    public_funding_share = forms.DecimalField(
        label="Part des financements publics (%)",
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    situations = forms.MultipleChoiceField(
        label="Votre situation (plusieurs réponses possibles)",
        choices=Situation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs = forms.MultipleChoiceField(
        label="Vos besoins (plusieurs réponses possibles)",
        help_text="Les aides qui y répondent passent en premier.",
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Besoin inconnu : « %(value)s »."},
    )
    include_closed = forms.BooleanField(label="Voir aussi les aides clôturées", required=False)
    # Set by the "Vérifier mon éligibilité" link of an aid page: that aid's verdict comes first.
    aid = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_funding_share"].error_messages["max_value"] = (
            "La part des financements publics est comprise entre 0 et 100 %%."
        )

    def clean_commune(self):
        value = self.cleaned_data["commune"].strip()
        return commune_search.resolve(value) if value else None

    def profile(self):
        data = self.cleaned_data
        return Profile(
            legal_form=data["legal_form"] or None,
            ess=ANSWER[data["ess"]],
            esus=ANSWER[data["esus"]],
            iae=ANSWER[data["iae"]],
            employees_fte=data["employees_fte"],
            annual_budget_eur=data["annual_budget_eur"],
            public_funding_share=data["public_funding_share"],
            sector=data["sector"] or None,
            # Unticked boxes say "none of these" only if the person answered something else.
            situations=frozenset(data["situations"]) if data["situations"] else None,
            **place_codes(data["commune"]),
        )


class NeedsForm(QuickDsfrForm):
    """The needs Mes aides ranks by: those of the last self-diagnosis until the structure
    chooses others (`besoins` marks a submitted choice, even with no box ticked)."""

    needs = forms.MultipleChoiceField(
        label="Vos besoins",
        help_text="Les aides qui y répondent passent en premier.",
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Besoin inconnu : « %(value)s »."},
    )

    def __init__(self, query, initial_needs):
        submitted = "besoins" in query
        super().__init__(query if submitted else None, initial={"needs": sorted(initial_needs)})

    def chosen(self):
        if not self.is_bound:
            return frozenset(self.initial["needs"])
        return frozenset(self.cleaned_data["needs"]) if self.is_valid() else frozenset()


class AidCriteriaForm(DsfrBaseForm, forms.ModelForm):
    """The criteria part of a provider's aid form (sectors and territory are the aid's own)."""

    legal_forms = forms.MultipleChoiceField(
        label="Formes juridiques acceptées",
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Aucune case cochée : toutes les formes juridiques.",
    )
    situations_any = forms.MultipleChoiceField(
        label="Réservé aux structures qui connaissent au moins une de ces situations",
        choices=Situation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = AidCriteria
        fields = [*CRITERIA_FIELDS, "provenance"]

    def clean(self):
        data = super().clean()
        for low, high in CRITERIA_RANGES:
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, "Le maximum doit être supérieur ou égal au minimum.")
        return data

    def save_for(self, aid):
        self.instance.aid = aid
        return self.save()


def criteria_form_for(data, aid):
    """The aid's criteria form on its edit page (see `aids.extensions`)."""
    criteria = getattr(aid, "criteria", None) if aid.pk else None
    return AidCriteriaForm(data, instance=criteria, prefix="criteria")
