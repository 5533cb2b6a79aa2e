from django import forms
from dsfr.forms import DsfrBaseForm


class TokenForm(DsfrBaseForm):
    name = forms.CharField(
        label="Nom du jeton",
        help_text="À quoi il servira, ex. « Logiciel d'instruction » : il le désigne dans la liste.",
        max_length=100,
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Donnez un nom au jeton.")
        return name
