"""Deciding an application and recording its payments, for its instructors. The page carries the
application's version: a decision from a page read before someone else's change is refused (409)
and drawn again with what was typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from aidess.applications.decisions import (
    DecisionRefused,
    accept,
    decide_without_grant,
    decision_panel_context,
    euros,
    record_payment,
    reopen,
)
from aidess.applications.enums import ApplicationStatus
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.core.versioning import EMPTY, StaleEdit, VersionStamp
from aidess.funding.forms import AcceptForm, PaymentForm, ReasonForm
from aidess.funding.permissions import application_for_decision
from aidess.lifecycles.machine import TransitionRefused

# The decisions this page takes, in the order it shows them.
ACTIONS = ["instruct", "accept", "refuse", "close", "reopen"]


def decision_values(application):
    """What the page shows of the stored application (its version snapshot)."""
    granted = application.amount_granted_eur
    return {
        "status": ("État", application.get_status_display()),
        "amount": ("Montant accordé", euros(granted) if granted is not None else EMPTY),
        "conditions": ("Conditions", application.decision_conditions or EMPTY),
    }


def application_page(application):
    """The inbox's page of the application, once the inbox has one (None before)."""
    try:
        return application.get_absolute_url()
    except NoReverseMatch:
        return None


def available_actions(application, user):
    names = {t.name for t in APPLICATION_LIFECYCLE.available(application, user)}
    if application.status in APPLICATION_LIFECYCLE.transitions["accept"].sources:
        names.add("accept")  # offered by this page's form, not as a bare button
    return [name for name in ACTIONS if name in names]


def decision_forms(application, action=None, data=None):
    """One form per action, the one posted bound to what was typed."""

    def bound(name):
        return data if name == action else None

    label = APPLICATION_LIFECYCLE.transitions
    return {
        "accept": AcceptForm(
            bound("accept"),
            prefix="accept",
            initial={"amount": application.amount_requested_eur},
        ),
        "refuse": ReasonForm(bound("refuse"), prefix="refuse", label=label["refuse"].comment),
        "close": ReasonForm(bound("close"), prefix="close", label=label["close"].comment),
        "reopen": ReasonForm(bound("reopen"), prefix="reopen", label=label["reopen"].comment),
    }


def apply_action(action, application, user, form):
    data = form.cleaned_data if form is not None else {}
    if action == "accept":
        log = accept(application, user, data["amount"], data["conditions"], data["override_reason"])
        done = f"Demande acceptée : {euros(data['amount'])} accordés."
        if "Dépassement" in log.comment:
            done += " Le dépassement de l'enveloppe est enregistré avec son motif."
        return done
    if action in ("refuse", "close"):
        decide_without_grant(application, user, action, data["reason"])
        return "Demande refusée." if action == "refuse" else "Demande classée sans suite."
    if action == "reopen":
        reopen(application, user, data["reason"])
        return "Le dossier est rouvert : il est de nouveau en instruction."
    APPLICATION_LIFECYCLE.apply(application, "instruct", user)
    return "La demande est en instruction."


@login_required
def decision(request, pk):
    application = application_for_decision(request.user, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action else None
    stamp = VersionStamp(data, obj=application, values=decision_values)
    forms = decision_forms(application, action, data)
    form = forms.get(action)
    error, conflict, status = "", None, 200
    if action is not None:
        if action not in ACTIONS:
            error, status = "Cette action n'existe pas : rechargez la page.", 400
        elif action not in available_actions(application, request.user):
            label = getattr(APPLICATION_LIFECYCLE.transitions.get(action), "label", action)
            error = (
                f"« {label} » n'est pas possible : la demande est "
                f"« {application.get_status_display()} »."
            )
            status = 409
        elif (form is None or form.is_valid()) and stamp.read_version():
            application.updated_by = request.user
            try:
                done = apply_action(action, application, request.user, form)
            except StaleEdit as stale:
                conflict, status = stamp.conflict(stale), 409
            except DecisionRefused as refused:
                status = refused.status
                if refused.field in getattr(form, "fields", {}):
                    form.add_error(refused.field, refused.message)
                else:
                    error = refused.message
            except TransitionRefused as refused:
                error, status = refused.message, refused.status
            else:
                messages.success(request, done)
                return redirect(reverse("funding:decision", args=[application.pk]))
        else:
            status = 400
        application = application_for_decision(request.user, pk)  # as stored, not as tried
    panel = decision_panel_context(application, request.user)
    envelope, paid = panel["decision_panel"].envelope, panel["decision_panel"].paid
    context = {
        "application": application,
        "application_page": application_page(application),
        # What an acceptance may grant within the envelope (what this one paid already counts).
        "accept_room": None if envelope.voted is None else envelope.remaining + paid,
        "forms": forms,
        "posted": action,
        "stamp": stamp,
        "conflict": conflict,
        "error": error,
        "history": APPLICATION_LIFECYCLE.history(application),
        "actions": available_actions(application, request.user),
        **panel,
    }
    return render(request, "funding/decision.html", context, status=status)


@login_required
def payments(request, pk):
    application = application_for_decision(request.user, pk)
    form = PaymentForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                payment = record_payment(
                    application,
                    request.user,
                    form.cleaned_data["amount"],
                    form.cleaned_data["paid_on"],
                )
            except DecisionRefused as refused:
                status = refused.status
                if refused.field in form.fields:
                    form.add_error(refused.field, refused.message)
                else:
                    error = refused.message
            else:
                messages.success(
                    request,
                    f"Versement de {euros(payment.amount_eur)} du "
                    f"{payment.paid_on:%d/%m/%Y} enregistré.",
                )
                return redirect(reverse("funding:payments", args=[application.pk]))
    context = {
        "application": application,
        "application_page": application_page(application),
        "payments": application.payments.select_related("recorded_by"),
        "form": form,
        "error": error,
        "accepted": application.status == ApplicationStatus.ACCEPTED,
        **decision_panel_context(application, request.user),
    }
    return render(request, "funding/payments.html", context, status=status)
