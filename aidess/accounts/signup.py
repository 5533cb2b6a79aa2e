"""Sign-up that never tells whether an address already has an account.

Every valid sign-up gets the same answer (« vérifiez votre messagerie ») and one e-mail:
- a new address: an inactive account and a link to activate it;
- an address whose sign-up is not activated yet: the names and password typed now replace the
  previous ones (older links stop working) and a new link is sent;
- an address with an account: a warning to its owner, with the way to a new password.
Activating needs the link (the mailbox) and the password typed at the latest sign-up: someone who
signs up with another person's address cannot get them to activate an account whose password
the intruder knows.
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from aidess.accounts.mail import send_account_mail
from aidess.accounts.models import User


class ActivationTokens(PasswordResetTokenGenerator):
    """Valid PASSWORD_RESET_TIMEOUT (3 days); spent once the account is active or its
    password replaced by a new sign-up."""

    key_salt = "aidess.accounts.signup.ActivationTokens"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{user.email}{timestamp}"


activation_tokens = ActivationTokens()


def register(request, email, password, first_name="", last_name=""):
    """Do what a valid sign-up form asks, the same visible way whether the address is known."""
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and not existing.awaits_activation:
        make_password(password)  # as long as the other branches: the delay tells nothing either
        send_account_mail(
            existing.email,
            "signup_existing",
            {
                "login_url": request.build_absolute_uri(reverse("accounts:login")),
                "reset_url": request.build_absolute_uri(reverse("accounts:password_reset")),
            },
        )
        return
    user = existing or User(email=email, is_active=False, email_confirmed=False)
    user.first_name, user.last_name = first_name, last_name
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address signed up at the same instant: that one mails
        return
    send_account_mail(
        user.email, "signup_activation", {"activation_url": activation_url(request, user)}
    )


def activation_url(request, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:activate", args=[uid, activation_tokens.make_token(user)])
    return request.build_absolute_uri(path)


def awaiting_user(uidb64, token):
    """The account this activation link is for, if it is valid and the account still waits."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, OverflowError, User.DoesNotExist):
        return None
    if not user.awaits_activation or not activation_tokens.check_token(user, token):
        return None
    return user


def activate(user):
    user.is_active = user.email_confirmed = True
    user.save(update_fields=["is_active", "email_confirmed"])
