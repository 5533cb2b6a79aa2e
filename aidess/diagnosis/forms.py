from django import forms

from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization


class SharingForm(forms.Form):
    """A structure shares its diagnoses and plans with one support organisation, explicitly."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.filter(kind=OrganizationKind.SUPPORT).order_by("name"),
        error_messages={
            "required": "Choisissez un organisme d'accompagnement dans la liste.",
            "invalid_choice": "Choisissez un organisme d'accompagnement dans la liste.",
        },
    )
    consent = forms.BooleanField(
        error_messages={"required": "Cochez la case de consentement pour partager vos données."}
    )
