from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm
from stdnum.fr import siret as stdnum_siret

from aidess.core.choices import ReferenceChoiceField
from aidess.core.dates import OLDEST_YEAR, bound_date_fields
from aidess.core.widgets import LongSelect
from aidess.nomenclatures.models import LegalCategory, NafActivity
from aidess.structures.models import Structure
from aidess.territories import search as commune_search
from aidess.territories.widgets import CommuneInput

SIRET_UNAVAILABLE = (
    "Ce SIRET ne peut pas être utilisé pour cette fiche. Si votre structure est déjà inscrite "
    "sur AidESS, demandez à une personne qui gère sa fiche de vous y ajouter."
)


def clean_siret_value(value):
    """Normalise a SIRET as typed ("800 329 849 00023") and explain in French what is wrong."""
    compact = stdnum_siret.compact(value or "")
    if not compact:
        return ""
    if not compact.isdigit():
        raise ValidationError("Le SIRET ne contient que des chiffres.", code="siret_digits")
    if len(compact) != 14:
        raise ValidationError(
            f"Le SIRET compte 14 chiffres ; vous en avez saisi {len(compact)}.",
            code="siret_length",
        )
    if not stdnum_siret.is_valid(compact):
        raise ValidationError(
            "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres.",
            code="siret_checksum",
        )
    return compact


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
        # Whether a structure is on AidESS is not public (its SIRET is): the message neither
        # confirms nor names it (issue 13 turns it into a request to join).
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
        return clean_siret_value(self.cleaned_data.get("siret")) or None

    def clean_rna_number(self):
        return (self.cleaned_data.get("rna_number") or "").strip().upper()
