from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from aidess.accounts.forms import SignupForm


@sensitive_post_parameters("password1", "password2")
def signup(request):
    """Public sign-up is for structures; partner roles are granted by an administrator."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre compte est créé. Décrivez maintenant votre structure.")
        return redirect("structures:create")
    return render(request, "accounts/signup.html", {"form": form})
