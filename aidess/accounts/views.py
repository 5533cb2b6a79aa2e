from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from aidess.accounts.forms import ActivationForm, SignupForm
from aidess.accounts.signup import activate, awaiting_user, register


@sensitive_post_parameters("password1", "password2")
def signup(request):
    """Public sign-up is for structures; partner roles are granted by an administrator."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        register(request, data["email"], data["password1"], data["first_name"], data["last_name"])
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_sent(request):
    return render(request, "accounts/signup_sent.html")


@sensitive_post_parameters("password")
def activation(request, uidb64, token):
    """The e-mailed link: the password typed at sign-up activates the account and signs in."""
    user = awaiting_user(uidb64, token)
    if user is None:
        return render(request, "accounts/activation_invalid.html", status=400)
    form = ActivationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        activate(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre compte est activé. Décrivez maintenant votre structure.")
        return redirect("structures:create")
    return render(request, "accounts/activation.html", {"form": form, "email": user.email})
