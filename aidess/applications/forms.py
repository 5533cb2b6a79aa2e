import datetime

from django import forms
from django.core.validators import RegexValidator
from dsfr.forms import DsfrBaseForm

from aidess.applications import chart
from aidess.applications.enums import DocumentKind
from aidess.applications.models import (
    Agrement,
    ApplicationFile,
    BudgetLine,
    Document,
    default_validity,
)
from aidess.applications.uploads import ACCEPTED, MAX_DOCUMENT_BYTES, check_upload
from aidess.core.dates import OLDEST_YEAR, bound_date_fields
from aidess.core.fields import EuroField
from aidess.core.limits import megabytes

PHONE = RegexValidator(
    r"^\+?[0-9 .\-()]{6,25}$",
    "Saisissez un numéro de téléphone en chiffres, par exemple 01 23 45 67 89.",
)
NUMBER_ERRORS = {"invalid": "Saisissez un nombre entier.", "min_value": "Le nombre est positif."}


class ApplicationFileForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = ApplicationFile
        fields = [
            "representative_name",
            "representative_role",
            "representative_email",
            "representative_phone",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "members_count",
            "volunteers",
            "employees",
            "employees_fte",
        ]
        error_messages = dict.fromkeys(
            ("members_count", "volunteers", "employees"), NUMBER_ERRORS
        ) | {
            "employees_fte": {"invalid": "Saisissez un nombre, par exemple 2,5."},
            "representative_email": {"invalid": "Saisissez une adresse e-mail valide."},
            "contact_email": {"invalid": "Saisissez une adresse e-mail valide."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("representative_phone", "contact_phone"):
            self.fields[name].validators.append(PHONE)
            self.fields[name].widget.attrs.update(type="tel", autocomplete="tel")
        for name in ("representative_email", "contact_email"):
            self.fields[name].widget.attrs["autocomplete"] = "email"
        for name in ("members_count", "volunteers", "employees", "employees_fte"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["employees_fte"].localize = True


class BudgetLineForm(forms.ModelForm):
    amount = EuroField(
        label="Montant (€)",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "fr-input"}),
        error_messages={
            "required": "Indiquez le montant.",
            "invalid": "Saisissez un montant en euros, par exemple 1 200,50.",
            "min_value": "Le montant ne peut pas être négatif.",
            "max_digits": "Le montant est trop élevé.",
            "max_decimal_places": "Indiquez au plus deux chiffres après la virgule.",
        },
    )

    class Meta:
        model = BudgetLine
        fields = ["account", "label", "amount"]
        widgets = {
            "account": forms.Select(attrs={"class": "fr-select"}),
            "label": forms.TextInput(attrs={"class": "fr-input"}),
        }
        error_messages = {
            "account": {
                "required": "Choisissez le compte.",
                "invalid_choice": "Choisissez un compte de la liste.",
            }
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("account") == chart.SUBSIDIES and not cleaned.get("label", "").strip():
            self.add_error("label", "Indiquez le financeur de cette subvention (compte 74).")
        return cleaned


BudgetFormSet = forms.modelformset_factory(
    BudgetLine, form=BudgetLineForm, can_delete=True, extra=0
)


class AgrementForm(forms.ModelForm):
    class Meta:
        model = Agrement
        fields = ["kind", "number", "granted_on", "authority"]
        widgets = {
            "kind": forms.Select(attrs={"class": "fr-select"}),
            "number": forms.TextInput(attrs={"class": "fr-input"}),
            "granted_on": forms.DateInput(attrs={"type": "date", "class": "fr-input"}),
            "authority": forms.TextInput(attrs={"class": "fr-input"}),
        }
        error_messages = {
            "kind": {"required": "Choisissez le type d'agrément."},
            "granted_on": {"invalid": "Saisissez une date valide, par exemple 15/03/2021."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date_fields(self, OLDEST_YEAR)


AgrementFormSet = forms.modelformset_factory(Agrement, form=AgrementForm, can_delete=True, extra=1)


class DocumentForm(DsfrBaseForm):
    kind = forms.ChoiceField(
        label="Type de document",
        choices=[("", "Choisissez un type")] + DocumentKind.choices,
        error_messages={"required": "Choisissez le type de document."},
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
    valid_until = forms.DateField(
        label="Valable jusqu'au",
        required=False,
        help_text="Laissé vide : 18 mois pour les comptes et le rapport d'activité, "
        "12 mois pour la liste des dirigeants, sans limite pour les statuts et le RIB.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Saisissez une date valide, par exemple 30/06/2027."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date_fields(self)
        self.detected = None

    def clean_content(self):
        content = self.cleaned_data["content"]
        self.detected = check_upload(content)
        return content

    def save(self, application_file, user, today=None):
        today = today or datetime.date.today()
        data = self.cleaned_data
        upload = data["content"]
        document = Document(
            file=application_file,
            kind=data["kind"],
            original_name=upload.name[:255],
            content_type=self.detected.content_type,
            size=upload.size,
            valid_until=data["valid_until"] or default_validity(data["kind"], today),
            uploaded_by=user,
        )
        document.content.save(f"{today:%Y%m%d}.{self.detected.extension}", upload, save=False)
        document.save()
        return document
