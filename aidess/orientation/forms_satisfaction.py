from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.orientation.satisfaction import BAD_SCORE, SCORES

HELPED = [("oui", "Oui"), ("non", "Non")]


class SatisfactionForm(DsfrBaseForm):
    score = forms.TypedChoiceField(
        label="Votre note",
        help_text="De 1 (pas du tout satisfait) à 5 (très satisfait).",
        choices=[(score, f"{score} / 5") for score in SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": BAD_SCORE, "invalid_choice": BAD_SCORE},
    )
    helped = forms.TypedChoiceField(
        label="Avez-vous été aidé ?",
        choices=HELPED,
        coerce=lambda value: value == "oui",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Répondez « Oui » ou « Non »."},
    )
    comment = forms.CharField(
        label="Votre commentaire",
        help_text="Ce qui vous a aidé, ce qui a manqué. 2 000 caractères au plus.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": "Le commentaire fait plus de 2 000 caractères : raccourcissez-le."
        },
    )

    @classmethod
    def of(cls, help_request, data=None):
        helped = {True: "oui", False: "non"}.get(help_request.helped)
        initial = {
            "score": help_request.satisfaction_score,
            "helped": helped,
            "comment": help_request.satisfaction_comment,
        }
        return cls(data, initial=initial)
