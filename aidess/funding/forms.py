"""The provider's forms about money and terms. Rules are not here: `applications.decisions` and
`funding.terms` hold them; a refusal they raise is put back next to its field by the view."""

from decimal import Decimal

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.applications.decisions import OVERRIDE_MAX_LENGTH
from aidess.applications.models import AidQuestion, ApplicationTerms
from aidess.core import formats
from aidess.core.dates import bound_date_fields
from aidess.core.fields import EuroField

AMOUNT_ERRORS = {
    "required": "Indiquez le montant.",
    "invalid": "Saisissez un montant en euros, par exemple 12 500 ou 1 200,50.",
    "min_value": "Le montant ne peut pas être négatif.",
    "max_digits": "Le montant est trop élevé.",
    "max_decimal_places": "Indiquez au plus deux chiffres après la virgule.",
    "max_whole_digits": "Le montant est trop élevé.",
}


class AmountField(EuroField):
    """An amount typed in French (`core.fields.EuroField`), shown back as read in France."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("error_messages", AMOUNT_ERRORS)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):  # « 12 500 » as read in France, not « 12500.00 »
            return formats.amount(value)
        return value


class TermsForm(DsfrBaseForm, forms.ModelForm):
    apply_in_aidess = forms.BooleanField(
        label="Recevoir les demandes dans AidESS",
        help_text="Les structures déposent leur demande ici, avec leur dossier.",
        required=False,
    )
    envelope_eur = AmountField(
        label="Enveloppe votée (€)",
        help_text="Le budget que les décisions engagent. Laissez vide s'il n'y en a pas.",
        required=False,
    )

    class Meta:
        model = ApplicationTerms
        fields = ["requires_diagnosis", "requires_cashflow_plan", "envelope_eur", "instructions"]
        labels = {
            "requires_diagnosis": "Exiger le dernier autodiagnostic de la structure",
            "requires_cashflow_plan": "Exiger le dernier plan de trésorerie de la structure",
            "instructions": "Consignes aux demandeurs",
        }
        help_texts = {
            "instructions": "Ce que la structure lit avant de déposer sa demande.",
        }
        widgets = {"instructions": forms.Textarea(attrs={"rows": 4})}

    field_order = ["apply_in_aidess"]


class QuestionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = AidQuestion
        fields = ["label", "help_text", "required"]
        labels = {
            "label": "Intitulé de la question",
            "help_text": "Aide à la saisie (facultative)",
            "required": "Réponse obligatoire",
        }
        error_messages = {
            "label": {
                "required": "Écrivez la question.",
                "max_length": "La question tient en 300 caractères au plus.",
            },
            "help_text": {"max_length": "L'aide tient en 500 caractères au plus."},
        }


class AcceptForm(DsfrBaseForm):
    amount = AmountField(label="Montant accordé (€)")
    conditions = forms.CharField(
        label="Conditions",
        help_text="Lues par le demandeur avec la décision (facultatives).",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    override_reason = forms.CharField(
        label="Motif du dépassement de l'enveloppe",
        help_text="Seulement si le montant dépasse ce qui reste de l'enveloppe.",
        required=False,
        max_length=OVERRIDE_MAX_LENGTH,
        error_messages={
            "max_length": f"Le motif tient en {OVERRIDE_MAX_LENGTH} caractères au plus."
        },
    )


class ReasonForm(DsfrBaseForm):
    """Refuse, close without follow-up, reopen: a reason the applicant reads."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = f"{label} : ce champ est obligatoire."
        self._bound_fields_cache.pop("reason", None)  # DsfrBaseForm bound it with no label yet


class PaymentForm(DsfrBaseForm):
    paid_on = forms.DateField(
        label="Date du versement",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Indiquez la date du versement.",
            "invalid": "Saisissez une date valide, par exemple 15/11/2026.",
        },
    )
    amount = AmountField(label="Montant versé (€)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date_fields(self)
