"""Pages: one's notification preferences, the digest's one-click unsubscribe, and the provider
administrators' webhooks (register, show the secret once, turn off, remove, last deliveries)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.notifications.forms import PreferenceForm, WebhookForm
from aidess.notifications.links import user_pk_from
from aidess.notifications.models import NotificationPreference, WebhookDelivery
from aidess.notifications.permissions import administered_providers, webhooks_managed_by

SECRET_KEY = "notifications.new_webhook_secret"  # the session key the secret waits in, once
RECENT_DELIVERIES = 20


@login_required
def preferences(request):
    preference = NotificationPreference.of(request.user)
    form = PreferenceForm(request.POST if request.method == "POST" else None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        state = "recevrez" if preference.daily_digest else "ne recevrez plus"
        messages.success(request, f"Préférences enregistrées : vous {state} le récapitulatif.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def unsubscribe(request, token):
    """The digest's link: a page with one button (a GET changes nothing, so that a mail
    scanner opening the link does not unsubscribe anyone); no sign-in needed."""
    pk = user_pk_from(token)
    user = get_user_model().objects.filter(pk=pk).first() if pk else None
    if user is None:
        raise Http404("Ce lien de désabonnement n'est pas valide.")
    preference = NotificationPreference.of(user)
    if request.method == "POST":
        preference.daily_digest = False
        preference.save(update_fields=["daily_digest"])
    return render(
        request,
        "notifications/unsubscribe.html",
        {"preference": preference, "email": user.email, "done": request.method == "POST"},
    )


@login_required
def webhooks(request):
    organizations = administered_providers(request.user).order_by("name")
    if not organizations:
        raise PermissionDenied(
            "Seuls les administrateurs d'une organisation qui porte des aides gèrent ses webhooks."
        )
    form = WebhookForm(
        request.POST if request.method == "POST" else None, organizations=organizations
    )
    if request.method == "POST" and form.is_valid():
        webhook = form.save(commit=False)
        webhook.created_by = request.user
        webhook.save()
        request.session[SECRET_KEY] = {"pk": webhook.pk, "secret": webhook.secret}
        return redirect("notifications:webhooks")
    hooks = webhooks_managed_by(request.user).select_related("organization", "created_by")
    deliveries = (
        WebhookDelivery.objects.filter(event__webhook__in=hooks)
        .select_related("event__webhook")
        .order_by("-attempted_at", "-pk")[:RECENT_DELIVERIES]
    )
    return render(
        request,
        "notifications/webhooks.html",
        {
            "form": form,
            "webhooks": hooks,
            "deliveries": deliveries,
            "new_secret": request.session.pop(SECRET_KEY, None),
            "several": len(organizations) > 1,
        },
    )


@require_POST
@login_required
def webhook_toggle(request, pk):
    webhook = get_object_or_404(webhooks_managed_by(request.user), pk=pk)
    webhook.is_active = not webhook.is_active
    webhook.save(update_fields=["is_active"])
    state = "réactivé" if webhook.is_active else "désactivé : plus rien ne lui est envoyé"
    messages.success(request, f"Webhook {webhook.url} {state}.")
    return redirect("notifications:webhooks")


@require_POST
@login_required
def webhook_delete(request, pk):
    webhook = get_object_or_404(webhooks_managed_by(request.user), pk=pk)
    webhook.delete()
    messages.success(request, f"Webhook {webhook.url} supprimé.")
    return redirect("notifications:webhooks")
