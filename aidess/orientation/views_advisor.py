"""The advisor's side (Place des entreprises): the home with its tabs, a received request's card,
and the answers (take, close, « Pas pour nous »), through `handling`. A recipient outside the
person's reach is a 404; a manager reads its network's cards, acting on them is a 403."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from aidess.lifecycles.machine import TransitionRefused
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS
from aidess.orientation import advisor_inbox, card, handling
from aidess.orientation.handling_forms import DeclineForm, HomeFilterForm, TransitionForm
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.permissions import can_handle, is_advisor
from aidess.orientation.reach import (
    NOT_AN_ADVISOR,
    READ_ONLY,
    home_recipients,
    may_see_stats,
    recipients_visible_to,
)

PAGE_SIZE = 20
DONE = {
    "take": "Vous avez pris en charge la demande : la structure attend votre appel.",
    "propose_help": "La demande est clôturée : aide proposée.",
    "no_help": "La demande est clôturée : pas d'aide possible.",
    "unreachable": "La demande est clôturée : structure injoignable.",
}
CARD_RELATED = (
    "organization",
    "advisor",
    "redirected_from__organization",
    "request__structure__commune",
    "request__structure__department",
    "request__structure__legal_category",
)


@login_required
def home(request):
    user = request.user
    if not is_advisor(user):
        raise PermissionDenied(NOT_AN_ADVISOR)
    recipients = home_recipients(user)
    form = HomeFilterForm(request.GET or None, departments=advisor_inbox.departments_of(recipients))
    if form.is_bound:
        form.is_valid()  # an invalid field is shown with its message and left out
    filters = form.filters()
    counts = advisor_inbox.tab_counts(recipients, filters)
    paginator = Paginator(advisor_inbox.select(recipients, filters), PAGE_SIZE)
    paginator.count = counts[filters.tab]  # no second COUNT(*)
    page = paginator.get_page(request.GET.get("page"))
    kept = {"q": filters.text, "departement": filters.department}
    query = urlencode({key: value for key, value in kept.items() if value})
    return render(
        request,
        "orientation/advisor_home.html",
        {
            "form": form,
            "tabs": [(key, label, counts[key]) for key, label, *_rest in advisor_inbox.TABS],
            "current_tab": filters.tab,
            "tab_query": query,
            "page_obj": page,
            "may_see_stats": may_see_stats(user),
        },
    )


def fetch(user, pk):
    queryset = recipients_visible_to(user).select_related(*CARD_RELATED)
    return get_object_or_404(queryset, pk=pk)


def fetch_for_change(user, pk):
    recipient = fetch(user, pk)
    if not can_handle(user, recipient):
        raise PermissionDenied(READ_ONLY)
    return recipient


def card_url(recipient):
    return reverse("orientation:advisor_card", args=[recipient.pk])


def render_card(request, recipient, bound=None, status=200):
    """The card; `bound` {name: form} replaces a blank form sent with a mistake."""
    user, bound = request.user, bound or {}
    help_request, structure = recipient.request, recipient.request.structure
    transitions = [
        (t, bound.get(t.name) or TransitionForm(transition=t, prefix=t.name))
        for t in ORIENTATION_LIFECYCLE.available(recipient, user)
    ]
    decline = ORIENTATION_LIFECYCLE.transitions["decline"]
    may_decline = recipient.status in decline.sources and can_handle(user, recipient)
    context = {
        "recipient": recipient,
        "help_request": help_request,
        "structure": structure,
        "legal_form": LEGAL_FORMS.get(structure.legal_form, ""),
        "sector": SECTORS.get(structure.sector, ""),
        "finances": card.shared_finances(user, structure),
        "aids": card.eligible_aids(structure, help_request.needs),
        "others": card.other_recipients(recipient),
        "history": ORIENTATION_LIFECYCLE.history(recipient),
        "transitions": transitions,
        "decline_form": (
            bound.get("decline") or DeclineForm(choices=handling.redirection_choices(recipient))
        )
        if may_decline
        else None,
        "may_act": can_handle(user, recipient),
    }
    return render(request, "orientation/advisor_card.html", context, status=status)


@login_required
def recipient_card(request, pk):
    return render_card(request, fetch(request.user, pk))


@login_required
@require_POST
def transition(request, pk, name):
    recipient = fetch_for_change(request.user, pk)
    chosen = ORIENTATION_LIFECYCLE.transitions.get(name)
    if chosen is None or not chosen.offered:
        raise Http404
    form = TransitionForm(request.POST, transition=chosen, prefix=name)
    if form.is_valid():
        try:
            if name == "take":
                handling.take(recipient, request.user)
            else:
                handling.close(recipient, request.user, name, form.cleaned_data["comment"])
        except TransitionRefused as refusal:
            form.add_error("comment" if chosen.comment else None, str(refusal))
        else:
            messages.success(request, DONE[name])
            return redirect(card_url(recipient))
    return refused(request, pk, chosen, form, name)


def refused(request, pk, chosen, form, name):
    """The card again with the message next to the field, or on top when the button is gone
    (the state changed meanwhile)."""
    recipient = fetch(request.user, pk)
    offered = chosen.name == "decline" or chosen in ORIENTATION_LIFECYCLE.available(
        recipient, request.user
    )
    if not offered or recipient.status not in chosen.sources:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(card_url(recipient))
    return render_card(request, recipient, {name: form}, status=400)


@login_required
@require_POST
def decline(request, pk):
    recipient = fetch_for_change(request.user, pk)
    form = DeclineForm(request.POST, choices=handling.redirection_choices(recipient))
    if form.is_valid():
        target = form.cleaned_data["redirect_to"]
        try:
            handling.decline(recipient, request.user, form.cleaned_data["reason"], target)
        except TransitionRefused as refusal:
            form.add_error("reason" if refusal.status == 400 else None, str(refusal))
        else:
            done = "La demande est notée « Pas pour nous »."
            if target is not None:
                done += f" Elle est réorientée vers {target.name}."
            messages.success(request, done)
            return redirect(card_url(recipient))
    return refused(request, pk, ORIENTATION_LIFECYCLE.transitions["decline"], form, "decline")
