import logging

from axes.helpers import get_client_ip_address
from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)
from django.template.loader import render_to_string
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from aidess.accounts.models import User
from aidess.accounts.reset_limit import allow_reset_email
from aidess.core.tasks import send_email

logger = logging.getLogger(__name__)

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


class SignupForm(DsfrBaseForm, PasswordErrorsUnderPassword, SetPasswordMixin, forms.Form):
    """What a person types to sign up. Not a ModelForm: an address already known is no error
    here (that would tell it exists); `signup.register` answers every valid form alike."""

    email = forms.EmailField(
        label="Adresse e-mail", max_length=254, widget=forms.EmailInput(attrs={"autofocus": True})
    )
    first_name = forms.CharField(label="Prénom", max_length=150, required=False)
    last_name = forms.CharField(label="Nom", max_length=150, required=False)
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete(self, email="email", first_name="given-name", last_name="family-name")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        self.validate_passwords()
        data = super().clean()
        names = {name: data.get(name) or "" for name in ("email", "first_name", "last_name")}
        self.validate_password_for_user(User(**names))  # not too close to the address or names
        return data


class ActivationForm(DsfrBaseForm):
    password = forms.CharField(
        label="Mot de passe choisi à l'inscription",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": "Saisissez le mot de passe choisi à l'inscription."},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "Ce n'est pas le mot de passe choisi lors de votre dernière inscription. "
                "Oublié ? Inscrivez-vous à nouveau avec la même adresse : un nouveau lien vous "
                "sera envoyé."
            )
        return password


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

    def save(self, request=None, **kwargs):
        """Within the limits of `reset_limit` only; the page shown next is the same either way."""
        ip_address = get_client_ip_address(request) if request else None
        if allow_reset_email(self.cleaned_data["email"], ip_address, timezone.now()):
            super().save(request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Rendered here, sent by the task queue (`core.tasks.send_email`)."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        html_body = None
        if html_email_template_name:
            html_body = render_to_string(html_email_template_name, context)
        try:
            send_email(subject, body, [to_email], from_email, html_body)
        except Exception:  # as Django does: an error page would tell that the account exists
            logger.exception("Failed to queue password reset email to %s", context["user"].pk)


class NewPasswordForm(DsfrBaseForm, PasswordErrorsUnderPassword, SetPasswordForm):
    pass
