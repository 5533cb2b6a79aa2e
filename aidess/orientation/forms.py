"""Forms of orientation: a structure's request for help, with or without an account."""

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from aidess.aids.enums import Need
from aidess.structures.legal_status import siren_refusal
from aidess.structures.siret import clean_siret_value

SHARE_HELP = (
    "Les organismes qui recevront votre demande pourront lire votre dernier autodiagnostic et "
    "vos plans de trésorerie, pour vous répondre plus vite et plus juste. Vous pourrez retirer "
    "ce partage à tout moment depuis la page de la demande."
)


class RequestForm(DsfrBaseForm):
    """What the structure needs, in a few words, and how to reach it. `extra` are the fitting
    organisations not chosen by default that the structure may add (given by the view)."""

    needs = forms.MultipleChoiceField(
        label="Vos besoins",
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins un besoin."},
    )
    situation = forms.CharField(
        label="Votre situation, en quelques mots",
        help_text="Ce qui se passe, ce que vous attendez d'un accompagnateur (3 000 caractères "
        "au plus).",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Décrivez votre situation en quelques mots."},
    )
    share_finances = forms.BooleanField(
        label="Partager mon autodiagnostic et mes plans de trésorerie avec les destinataires",
        help_text=SHARE_HELP,
        required=False,
    )
    contact_name = forms.CharField(label="Nom de la personne à contacter", max_length=150)
    contact_email = forms.EmailField(
        label="E-mail de contact",
        error_messages={"invalid": "Saisissez une adresse e-mail valide (ex. nom@exemple.fr)."},
    )
    contact_phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    extra = forms.MultipleChoiceField(
        label="Ajouter un destinataire",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Cet organisme ne peut pas recevoir votre demande."},
    )

    def __init__(self, *args, extra_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].error_messages["required"] = "Indiquez qui contacter."
        self.fields["contact_email"].error_messages["required"] = "Indiquez une adresse e-mail."
        self.fields["extra"].choices = list(extra_choices)


class AnonymousRequestForm(RequestForm):
    """Without an account: the structure's SIRET; the e-mail receives the confirmation link."""

    siret = forms.CharField(
        label="SIRET de votre structure",
        help_text="14 chiffres : nous retrouvons votre structure dans le répertoire Sirene.",
        max_length=20,
        error_messages={"required": "Indiquez le SIRET de votre structure."},
    )
    field_order = ["siret"]

    def clean_siret(self):
        siret = clean_siret_value(self.cleaned_data.get("siret"))
        if not siret:
            raise ValidationError("Indiquez le SIRET de votre structure.")
        refusal = siren_refusal(siret)
        if refusal:
            raise ValidationError(refusal, code="public_body")
        return siret
