from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from dsfr.forms import DsfrBaseForm

from aidess.accounts.models import User

# Django checks the new password's strength on its confirmation field: the person reads "too short"
# under "Confirmation" while the password to change is the one above.
CHECKED_ON = {"password2": "password1", "new_password2": "new_password1"}


class PasswordErrorsUnderPassword:
    def validate_password_for_user(self, user, password_field_name="password2"):
        super().validate_password_for_user(user, CHECKED_ON.get(password_field_name))


def autocomplete(form, **purposes):
    """`autocomplete` tokens, so browsers and password managers fill the right field."""
    for name, purpose in purposes.items():
        form.fields[name].widget.attrs["autocomplete"] = purpose


class SignupForm(DsfrBaseForm, PasswordErrorsUnderPassword, UserCreationForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]
        error_messages = {"email": {"unique": "Un compte existe déjà avec cette adresse e-mail."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete(self, email="email", first_name="given-name", last_name="family-name")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Un compte existe déjà avec cette adresse e-mail.")
        return email


class LoginForm(DsfrBaseForm, AuthenticationForm):
    # "username": the identifier password managers pair with the current password.
    username = forms.EmailField(
        label="Adresse e-mail",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }


class ResetRequestForm(DsfrBaseForm, PasswordResetForm):
    email = forms.EmailField(  # named as on the login page, not Django's « Courriel »
        label="Adresse e-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NewPasswordForm(DsfrBaseForm, PasswordErrorsUnderPassword, SetPasswordForm):
    pass
