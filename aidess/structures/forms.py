from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from aidess.core.choices import ReferenceChoiceField
from aidess.core.dates import OLDEST_YEAR, bound_date_fields
from aidess.core.widgets import LongSelect
from aidess.nomenclatures.models import LegalCategory, NafActivity
from aidess.structures.legal_status import category_refusal, siren_refusal
from aidess.structures.models import JoinRequest, Structure
from aidess.structures.siret import clean_siret_value
from aidess.territories import search as commune_search
from aidess.territories.widgets import CommuneInput

SIRET_REGISTERED = (
    "Cette structure est déjà inscrite sur AidESS sous le nom « {name} ». Vous pouvez demander "
    "à ses administrateurs de la rejoindre."
)
SIRET_UNAVAILABLE = (
    "Ce SIRET ne peut pas être utilisé pour cette fiche. Si votre structure est déjà inscrite "
    "sur AidESS, demandez à une personne qui gère sa fiche de vous y ajouter."
)


class CommuneField(forms.CharField):
    """Text input that accepts a name, a postal code or "Nom (code INSEE)" and returns a Commune."""

    widget = CommuneInput

    def __init__(self, **kwargs):
        super().__init__(max_length=120, **kwargs)

    def prepare_value(self, value):
        # Text (typed, or initial) is shown as it is: "23200" is a postal code as much as a code.
        return value.label if hasattr(value, "label") else value

    def clean(self, value):
        value = super().clean(value)
        return commune_search.resolve(value) if value else None


class StructureForm(DsfrBaseForm, forms.ModelForm):
    siret = forms.CharField(
        label="SIRET",
        required=False,
        max_length=20,
        help_text="14 chiffres. Recherchez-le pour pré-remplir la fiche depuis le répertoire Sirene.",
        # A declared field does not get Meta.error_messages; the uniqueness check reads these.
        # Editing a profile with another structure's SIRET: the message neither confirms nor
        # names it. Creating one offers to join it instead (`registered`, its public name only).
        error_messages={"unique": SIRET_UNAVAILABLE},
    )
    commune = CommuneField(
        label="Commune du siège",
        required=False,
        help_text="Tapez le nom ou le code postal, puis choisissez dans la liste.",
    )
    legal_category = ReferenceChoiceField(
        LegalCategory.objects.all(),
        label="Catégorie juridique (INSEE)",
        required=False,
        widget=LongSelect,
    )
    naf_activity = ReferenceChoiceField(
        NafActivity.objects.all(),
        label="Activité principale (code NAF)",
        required=False,
        widget=LongSelect,
    )

    class Meta:
        model = Structure
        fields = [
            "siret",
            "name",
            "legal_category",
            "naf_activity",
            "sector",
            "commune",
            "is_ess",
            "rna_number",
            "is_esus",
            "is_iae",
            "employees_fte",
            "volunteers",
            "annual_budget_eur",
            "public_funding_share",
            "creation_date",
        ]
        widgets = {"creation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"name": {"required": "Indiquez le nom de la structure."}}

    registered = None  # the structure already on AidESS with the SIRET typed (creation)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.commune_id and "commune" not in (kwargs.get("initial") or {}):
            self.initial["commune"] = self.instance.commune.label
        bound_date_fields(self, first=OLDEST_YEAR)
        self.fields["employees_fte"].widget.attrs.update({"min": "0", "step": "0.01"})
        self.fields["annual_budget_eur"].widget.attrs.update({"min": "0", "step": "0.01"})
        self.fields["public_funding_share"].widget.attrs.update(
            {"min": "0", "max": "100", "step": "0.01"}
        )

    def clean_siret(self):
        siret = clean_siret_value(self.cleaned_data.get("siret")) or None
        refusal = siren_refusal(siret)
        if refusal:
            raise ValidationError(refusal, code="public_body")
        if siret and self.instance.pk is None:
            self.registered = Structure.objects.filter(siret=siret).only("pk", "name").first()
            if self.registered is not None:
                raise ValidationError(
                    SIRET_REGISTERED.format(name=self.registered.name), code="registered"
                )
        return siret

    def clean_legal_category(self):
        category = self.cleaned_data.get("legal_category")
        refusal = category and category_refusal(category.code, category.label)
        if refusal:
            raise ValidationError(refusal, code="not_ess")
        return category

    def clean_rna_number(self):
        return (self.cleaned_data.get("rna_number") or "").strip().upper()


class JoinRequestForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        labels = {"message": "Message aux administrateurs de la structure"}
        help_texts = {
            "message": "Présentez-vous : votre rôle dans la structure, qui vous connaît.",
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"message": {"max_length": "Le message compte au plus 2 000 caractères."}}


class RefusalForm(DsfrBaseForm):
    reason = forms.CharField(
        label="Motif du refus",
        help_text="La personne le lira dans l'e-mail qui lui annonce le refus.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Motif du refus : ce champ est obligatoire."},
    )
