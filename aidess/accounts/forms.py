from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from dsfr.forms import DsfrBaseForm

from aidess.accounts.models import User


class SignupForm(DsfrBaseForm, UserCreationForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]
        error_messages = {"email": {"unique": "Un compte existe déjà avec cette adresse e-mail."}}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Un compte existe déjà avec cette adresse e-mail.")
        return email


class LoginForm(DsfrBaseForm, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }


class ResetRequestForm(DsfrBaseForm, PasswordResetForm):
    pass


class NewPasswordForm(DsfrBaseForm, SetPasswordForm):
    pass
