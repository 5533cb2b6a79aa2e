"""The structure's side of a request for help: ask (with an account, or with a SIRET and an
e-mail confirmed by a link), see who will receive it and why before sending, follow it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.aids.enums import Need
from aidess.organizations.models import Organization
from aidess.orientation.anonymous import ask_confirmation, structure_for_siret
from aidess.orientation.forms import AnonymousRequestForm, RequestForm
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import HelpRequest
from aidess.orientation.requesting import active_consents, revoke_sharing, routes_for, send
from aidess.structures.permissions import member_structures

MERGED = (
    "Votre structure avait déjà une demande en cours pour un de ces besoins : nous y avons "
    "ajouté celle-ci (situation et besoins), elle garde ses destinataires."
)


def asked_needs(data):
    """The ticked needs (known ones only: the form explains the others)."""
    return [need for need in data.getlist("needs") if need in Need.values]


def preview(structure, needs):
    """(selected routes, other fitting routes of organisations not selected) for the page."""
    routes = routes_for(structure, needs)
    selected = [item for item in routes if item.selected]
    chosen = {item.organization.pk for item in selected}
    others, seen = [], set(chosen)
    for item in routes:
        if item.organization.pk not in seen:
            seen.add(item.organization.pk)
            others.append(item)
    return selected, others


def member_structure(user, structure_id):
    """404 unless the user is an active member of the structure."""
    return get_object_or_404(member_structures(user).select_related("commune"), pk=structure_id)


@login_required
def new(request, structure_id):
    structure = member_structure(request.user, structure_id)
    data = request.POST if request.method == "POST" else None
    needs = asked_needs(request.POST if data is not None else request.GET)  # GET: from a diagnosis
    selected, others = preview(structure, needs)
    form = RequestForm(
        data,
        extra_choices=[(str(item.organization.pk), item.organization.name) for item in others],
        initial={
            "needs": needs,
            "contact_name": request.user.get_full_name(),
            "contact_email": request.user.email,
        },
    )
    if data is not None and data.get("action") == "send" and form.is_valid():
        values = form.cleaned_data
        extra = Organization.objects.filter(pk__in=values["extra"])
        help_request = HelpRequest(
            structure=structure,
            created_by=request.user,
            **{key: values[key] for key in FIELDS},
        )
        sent = send(help_request, extra)
        if sent.merged:
            messages.info(request, MERGED)
        else:
            messages.success(request, "Votre demande est envoyée.")
        return redirect("orientation:request_detail", sent.help_request.pk)
    context = {"structure": structure, "form": form, "selected": selected, "others": others}
    return render(request, "orientation/request_form.html", context)


FIELDS = ["needs", "situation", "share_finances", "contact_name", "contact_email", "contact_phone"]


@login_required
def recipients(request, structure_id):
    """The preview alone, for HTMX as the needs are ticked."""
    structure = member_structure(request.user, structure_id)
    selected, others = preview(structure, asked_needs(request.GET))
    form = RequestForm(
        extra_choices=[(str(item.organization.pk), item.organization.name) for item in others]
    )
    context = {"form": form, "selected": selected, "others": others, "can_add": True}
    return render(request, "orientation/_recipients.html", context)


def anonymous_new(request):
    """Without an account: nothing goes before the e-mail's link is clicked."""
    data = request.POST if request.method == "POST" else None
    form = AnonymousRequestForm(data)
    context = {"form": form, "selected": None, "others": ()}
    if data is not None and form.is_valid():
        found = structure_for_siret(form.cleaned_data["siret"])
        if found.error:
            form.add_error("siret", found.error)
        elif data.get("action") == "send":
            help_request = create_unconfirmed(found.structure, form.cleaned_data)
            ask_confirmation(request, help_request)
            return render(request, "orientation/check_email.html", {"help_request": help_request})
        else:
            needs = form.cleaned_data["needs"]
            context["structure"] = found.structure
            context["selected"], context["others"] = preview(found.structure, needs)
    return render(request, "orientation/anonymous_form.html", context)


@transaction.atomic
def create_unconfirmed(structure, values):
    if structure.pk is None:
        structure.save()
    return HelpRequest.objects.create(structure=structure, **{key: values[key] for key in FIELDS})


def confirm(request, token):
    """The e-mail's link: sends the request (once), then shows where it went."""
    help_request = get_object_or_404(HelpRequest, confirmation_token=token)
    merged = False
    if help_request.confirmed_at is None:
        sent = send(help_request)
        help_request, merged = sent.help_request, sent.merged
    context = {"help_request": help_request, "merged": merged, "merged_message": MERGED}
    context["recipients"] = help_request.recipients.select_related("organization")
    return render(request, "orientation/confirmed.html", context)


@login_required
def request_list(request, structure_id):
    structure = member_structure(request.user, structure_id)
    requests = structure.help_requests.prefetch_related("recipients__organization")
    return render(
        request,
        "orientation/request_list.html",
        {"structure": structure, "help_requests": requests},
    )


def requester_request(user, pk):
    """404 unless the user is an active member of the request's structure."""
    return get_object_or_404(
        HelpRequest.objects.filter(structure__in=member_structures(user)).select_related(
            "structure"
        ),
        pk=pk,
    )


@login_required
def request_detail(request, pk):
    help_request = requester_request(request.user, pk)
    recipients = list(help_request.recipients.select_related("organization", "redirected_from"))
    context = {
        "help_request": help_request,
        "structure": help_request.structure,
        "recipients": recipients,
        "history": history(recipients),
        "consents": list(active_consents(help_request)),
    }
    return render(request, "orientation/request_detail.html", context)


def history(recipients):
    """Each recipient's handling steps, oldest first, with the organisation's name."""
    by_pk = {recipient.pk: recipient for recipient in recipients}
    entries = sorted(ORIENTATION_LIFECYCLE.logs(recipients), key=lambda log: log.created_at)
    for entry in entries:
        entry.organization = by_pk[entry.object_id].organization
        entry.to_label = ORIENTATION_LIFECYCLE.label(entry.to_state)
    return entries


@require_POST
@login_required
def revoke(request, pk):
    help_request = requester_request(request.user, pk)
    revoked = revoke_sharing(help_request)
    if revoked:
        names = ", ".join(consent.organization.name for consent in revoked)
        messages.success(request, f"Le partage de vos données financières est retiré ({names}).")
    return redirect("orientation:request_detail", pk)
