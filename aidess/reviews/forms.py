"""The review's period, the choice of an aid or a plan on /bilans/, and a testimony."""

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from aidess.core.dates import bound_date_fields

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERIOD_REVERSED = "La date de début est après la date de fin."


class PeriodForm(DsfrBaseForm):
    """Read from the query string as the API reads it (`from`, `to`, both optional):
    `period()` gives (start, end)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword: these fields cannot be declared on the class.
        self.fields["from"] = forms.DateField(
            label="Du",
            required=False,
            widget=DATE_INPUT,
            help_text="Aides accordées à partir de ce jour.",
        )
        self.fields["to"] = forms.DateField(
            label="Au",
            required=False,
            widget=DATE_INPUT,
            help_text="Aides accordées jusqu'à ce jour inclus.",
        )
        bound_date_fields(self)

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            raise ValidationError({"from": PERIOD_REVERSED})
        return data

    def period(self):
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")


class ChoiceForm(PeriodForm):
    """An aid or a plan (exactly one) and a period, on /bilans/."""

    aid = forms.ModelChoiceField(
        label="Une aide", queryset=None, required=False, empty_label="— Choisir une aide —"
    )
    plan = forms.ModelChoiceField(
        label="ou un plan d'urgence",
        queryset=None,
        required=False,
        empty_label="— Choisir un plan —",
    )

    def __init__(self, *args, aids, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aid"].queryset = aids
        self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        if bool(data.get("aid")) == bool(data.get("plan")):
            raise ValidationError("Choisissez une aide ou un plan d'urgence, l'un des deux.")
        return data


class TestimonyForm(DsfrBaseForm):
    aid = forms.ModelChoiceField(
        label="L'aide dont vous parlez",
        queryset=None,
        required=False,
        empty_label="— Aucune en particulier —",
    )
    plan = forms.ModelChoiceField(
        label="Le plan d'urgence dont vous parlez",
        queryset=None,
        required=False,
        empty_label="— Aucun en particulier —",
    )
    quote = forms.CharField(
        label="Témoignage",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ce que l'aide a changé pour la structure, en quelques phrases (2 000 "
        "caractères au plus).",
    )
    author_name = forms.CharField(
        label="Nom sous lequel l'auteur accepte d'être cité",
        max_length=150,
        help_text="Par exemple « Claire M. » ou « la présidente » : c'est ce qui sera publié.",
    )
    author_role = forms.CharField(
        label="Fonction",
        max_length=150,
        required=False,
        help_text="Par exemple « présidente », « directeur ».",
    )
    consent_to_publish = forms.BooleanField(
        label="La structure accepte que ce témoignage soit publié dans les bilans d'impact, "
        "avec ce nom et cette fonction",
        required=False,
        help_text="L'accord peut être retiré à tout moment depuis la page des témoignages.",
    )
    consent_statement = forms.CharField(
        label="Comment la structure a donné son accord",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Par exemple « accord de la présidente par courriel du 12 mars ».",
    )

    def __init__(self, *args, aids, plans, on_behalf, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_behalf = on_behalf
        self.fields["aid"].queryset = aids
        self.fields["plan"].queryset = plans
        if not on_behalf:
            del self.fields["consent_statement"]

    def clean(self):
        data = super().clean()
        if self.on_behalf and data.get("consent_to_publish") and not data.get("consent_statement"):
            self.add_error(
                "consent_statement",
                "Dites comment la structure a donné son accord : vous l'enregistrez pour elle.",
            )
        return data
