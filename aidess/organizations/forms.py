from django import forms
from dsfr.forms import DsfrBaseForm


class TokenForm(DsfrBaseForm):
    name = forms.CharField(
        label="Nom du jeton",
        help_text="À quoi il servira, ex. « Logiciel d'instruction » : il le désigne dans la liste.",
        max_length=100,
    )
