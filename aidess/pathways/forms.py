"""Forms of the pathway pages: each checks its field next to it, in French, before the rules of
`progress.py` run."""

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.aids.enums import Need
from aidess.applications.uploads import ACCEPTED, MAX_DOCUMENT_BYTES, check_upload
from aidess.core.dates import bound_date_fields
from aidess.core.fields import EuroField
from aidess.core.limits import megabytes
from aidess.pathways.enums import ActionKind, PathwayKind, Step
from aidess.pathways.models import (
    AreaOfChange,
    CollectiveAction,
    Effect,
    PathwayAction,
    SharedDiagnosis,
)
from aidess.pathways.progress import PathwayRefused, check_duration

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "Saisissez une date valide, par exemple 30/06/2027."}
AMOUNT_ERRORS = {
    "invalid": "Saisissez un montant en euros, par exemple 4 500.",
    "min_value": "Le montant est positif.",
}
FTE_ERRORS = {
    "invalid": "Saisissez un nombre d'ETP, par exemple 1,5.",
    "min_value": "Le nombre est positif.",
}


def date_field(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DATE_INPUT,
        error_messages={"required": "Indiquez la date.", **DATE_ERRORS},
    )


def euro_field():
    return EuroField(
        label="Budget (€)",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages=AMOUNT_ERRORS,
    )


class DatedForm(DsfrBaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date_fields(self)

    def check_order(self, start="starts_on", end="ends_on"):
        data = self.cleaned_data
        if data.get(start) and data.get(end) and data[end] < data[start]:
            self.add_error(end, "La fin ne peut précéder le début.")


class StartForm(DatedForm):
    kind = forms.ChoiceField(
        label="Type d'accompagnement",
        choices=PathwayKind.choices,
        initial=PathwayKind.INDIVIDUAL,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez le type d'accompagnement."},
    )
    planned_end_on = date_field("Fin prévue", help_text="Entre 2 mois et 2 ans après aujourd'hui.")

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_planned_end_on(self):
        end = self.cleaned_data["planned_end_on"]
        try:
            check_duration(self.today, end)
        except PathwayRefused as refusal:
            raise forms.ValidationError(refusal.message) from None
        return end


class StepForm(DatedForm):
    notes = forms.CharField(
        label="Ce qui a été fait",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    completed_on = date_field("Terminée le", required=False, help_text="Laissé vide : aujourd'hui.")


class DiagnosisForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = SharedDiagnosis
        fields = ["strengths", "weaknesses", "conclusions"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        error_messages = {
            "conclusions": {"required": "Rédigez les conclusions et priorités du diagnostic."}
        }


class RemarksForm(DsfrBaseForm):
    comment = forms.CharField(
        label="Vos remarques pour le DLA",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Écrivez vos remarques pour le DLA."},
    )


class AreaForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = AreaOfChange
        fields = ["priority", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "title": {"required": "Nommez l'axe de progrès."},
            "priority": {"invalid": "La priorité est un nombre entier (1 : la plus haute)."},
        }


class ActionForm(DatedForm, forms.ModelForm):
    budget_eur = euro_field()

    class Meta:
        model = PathwayAction
        fields = ["area", "kind", "title", "actor", "budget_eur", "starts_on", "ends_on", "status"]
        fields += ["collective"]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
        }
        error_messages = {
            "title": {"required": "Décrivez l'action."},
            "kind": {"required": "Choisissez qui porte l'action."},
            "area": {"invalid_choice": "Choisissez un axe de ce parcours."},
            "collective": {"invalid_choice": "Choisissez une action collective de ce DLA."},
            "starts_on": DATE_ERRORS,
            "ends_on": DATE_ERRORS,
        }

    def __init__(self, *args, pathway, **kwargs):
        super().__init__(*args, **kwargs)
        areas = pathway.areas.all()
        self.fields["area"].queryset = areas
        if len(areas) == 1:
            self.fields["area"].initial = areas[0].pk
        self.fields["area"].required = True
        self.fields["area"].error_messages["required"] = "Rattachez l'action à un axe de progrès."
        self.fields["collective"].queryset = CollectiveAction.objects.filter(
            organization=pathway.organization
        )

    def clean(self):
        data = super().clean()
        self.check_order()
        if data.get("kind") == ActionKind.COLLECTIVE and not data.get("collective"):
            self.add_error("collective", "Choisissez l'action collective que rejoint la structure.")
        if data.get("collective") and data.get("kind") != ActionKind.COLLECTIVE:
            self.add_error("kind", "Une action collective est portée « en collectif ».")
        return data


class ActionStatusForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = PathwayAction
        fields = ["status"]


class CollectiveActionForm(DatedForm, forms.ModelForm):
    budget_eur = euro_field()

    class Meta:
        model = CollectiveAction
        fields = ["title", "description", "consultant", "budget_eur", "starts_on", "ends_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
        }
        error_messages = {
            "title": {"required": "Nommez l'action collective."},
            "starts_on": DATE_ERRORS,
            "ends_on": DATE_ERRORS,
        }

    def clean(self):
        data = super().clean()
        self.check_order()
        return data


def fte_field(label):
    return EuroField(  # a decimal as people type it, « 1,5 » included
        label=label,
        min_value=0,
        max_digits=6,
        decimal_places=1,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages=FTE_ERRORS,
    )


class EffectForm(DatedForm, forms.ModelForm):
    jobs_consolidated = fte_field("Emplois consolidés (ETP)")
    jobs_created = fte_field("Emplois créés (ETP)")
    new_needs = forms.MultipleChoiceField(
        label="Nouveaux besoins",
        required=False,
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Effect
        fields = ["recorded_on", "jobs_consolidated", "jobs_created", "new_needs", "notes"]
        widgets = {
            "recorded_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "recorded_on": {"required": "Indiquez la date.", **DATE_ERRORS},
        }


class DocumentForm(DsfrBaseForm):
    step = forms.ChoiceField(label="Étape", choices=Step.choices)
    title = forms.CharField(
        label="Titre",
        max_length=200,
        error_messages={"required": "Donnez un titre au document."},
    )
    content = forms.FileField(
        label="Fichier",
        help_text=f"{ACCEPTED}, {megabytes(MAX_DOCUMENT_BYTES)} au plus.",
        error_messages={
            "required": "Choisissez un fichier.",
            "empty": "Le fichier est vide.",
            "invalid": "Aucun fichier n'a été envoyé : choisissez-le à nouveau.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.detected = None

    def clean_content(self):
        content = self.cleaned_data["content"]
        self.detected = check_upload(content)
        return content


class AbandonForm(DsfrBaseForm):
    comment = forms.CharField(
        label="Motif de l'interruption",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Indiquez pourquoi le parcours s'arrête."},
    )
