"""The satisfaction pages, reached from the e-mail's links without an account (the request's
token): one click records the score, then the page offers to say more."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from aidess.orientation.forms_satisfaction import SatisfactionForm
from aidess.orientation.satisfaction import Refused, answerable, parse_score, record


def refused(request, refusal):
    context = {"message": refusal.message}
    return render(request, "orientation/satisfaction_refused.html", context, status=refusal.status)


def request_of(token):
    help_request = answerable(token)
    if help_request is None:
        raise Http404("Ce lien d'avis n'est pas valide.")
    return help_request


@require_GET
def score(request, token, score):
    """The e-mail's one-click link: the same link followed again changes nothing."""
    try:
        help_request = request_of(token)
        record(help_request, satisfaction_score=parse_score(score))
    except Refused as refusal:
        return refused(request, refusal)
    return redirect("orientation:satisfaction", token=token)


@require_http_methods(["GET", "POST"])
def answer(request, token):
    try:
        help_request = request_of(token)
    except Refused as refusal:
        return refused(request, refusal)
    form = SatisfactionForm.of(help_request, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        record(
            help_request,
            satisfaction_score=form.cleaned_data["score"],
            helped=form.cleaned_data["helped"],
            satisfaction_comment=form.cleaned_data["comment"].strip(),
        )
        return redirect(f"{request.path}?merci=1")
    context = {
        "help_request": help_request,
        "form": form,
        "thanks": request.GET.get("merci") == "1" and not form.is_bound,
    }
    return render(
        request,
        "orientation/satisfaction.html",
        context,
        status=400 if form.is_bound else 200,
    )
