"""An organisation's API tokens, for its administrators: create one (shown once), revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.organizations.forms import TokenForm
from aidess.organizations.permissions import administered_organizations
from aidess.organizations.tokens import create_token, revoke

NEW_TOKEN = "organizations.new_api_token"


def administered(request, pk):
    """404 for whoever does not administer the organisation (its existence is not told)."""
    return get_object_or_404(administered_organizations(request.user), pk=pk)


@login_required
def tokens(request, pk):
    organization = administered(request, pk)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, clear = create_token(organization, request.user, form.cleaned_data["name"])
        # Shown once, on the page the browser is sent to: never stored, never shown again.
        request.session[NEW_TOKEN] = {"id": token.pk, "clear": clear}
        return redirect("organizations:tokens", pk=organization.pk)
    new = request.session.pop(NEW_TOKEN, None)
    listed = organization.api_tokens.select_related("created_by", "revoked_by")
    return render(
        request,
        "organizations/tokens.html",
        {"organization": organization, "form": form, "tokens": listed, "new": new},
    )


@login_required
@require_POST
def revoke_token(request, pk, token_id):
    organization = administered(request, pk)
    token = get_object_or_404(organization.api_tokens, pk=token_id)
    revoke(token, request.user)
    messages.success(request, f"Le jeton « {token.name} » est révoqué : il ne donne plus accès.")
    return redirect("organizations:tokens", pk=organization.pk)
