"""The intake pages' forms: a partner's file to upload, a structure's own report."""

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.watch.enums import AlertCause, IndicatorKind
from aidess.watch.intake.self_report import CONSENT
from aidess.watch.intake.tables import MAX_BYTES, TOO_LARGE

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(DsfrBaseForm, forms.Form):
    cell = forms.ModelChoiceField(queryset=None, label="Cellule qui importe", empty_label=None)
    partner = forms.CharField(
        label="Partenaire qui a envoyé le fichier",
        max_length=150,
        help_text="Par exemple : France Active, URSSAF, Mouvement associatif.",
    )
    file = forms.FileField(
        label="Fichier CSV ou XLSX",
        help_text="2 Mo au plus ; CSV séparé par « ; » ou « , », en UTF-8 ou Windows-1252.",
        widget=forms.FileInput(attrs={"accept": ACCEPT, "class": "fr-upload"}),
    )

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        if len(cells) == 1:  # nothing to choose
            self.fields["cell"].widget = forms.HiddenInput()
            self.fields["cell"].required = False
            self.fields["cell"].initial = cells[0].pk

    def clean_cell(self):
        return self.cleaned_data.get("cell") or self.fields["cell"].queryset[0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        return upload


class IndicatorsForm(UploadForm):
    kind = forms.ChoiceField(label="Indicateur", choices=IndicatorKind.choices)
    field_order = ["cell", "kind", "partner", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].required = False
        self.fields[
            "partner"
        ].help_text = "Laissez vide pour URSSAF, Banque de France ou Région selon l'indicateur."


class SelfReportForm(DsfrBaseForm, forms.Form):
    cause = forms.ChoiceField(
        label="Ce qui met votre structure en difficulté", choices=AlertCause.choices
    )
    message = forms.CharField(
        label="Ce que vous voulez dire à la cellule (facultatif)",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Montants en jeu, emplois menacés, échéances : ce qui aide la cellule à agir.",
    )
    confidential = forms.BooleanField(
        label="Signalement confidentiel",
        required=False,
        help_text="Lu seulement par les membres de la cellule régionale, pas par la cellule "
        "nationale ni d'autres partenaires.",
    )
    consent = forms.BooleanField(label=CONSENT, required=True)
    consent.error_messages = {"required": "Cochez cette case pour transmettre votre signalement."}
