"""The provider's pages about money: its aids and their envelopes, an aid's terms and questions.
Deciding and paying are in `decision_views`. Thin: rules are in `funding.terms` and
`applications.decisions`, who may in `funding.permissions`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from aidess.applications.decisions import envelopes_of
from aidess.applications.enums import ApplicationStatus
from aidess.funding.forms import QuestionForm, TermsForm
from aidess.funding.permissions import (
    PROVIDERS_ONLY,
    aid_for_terms,
    counted_applications,
    funded_aids,
    may_see_funding,
)
from aidess.funding.terms import add_question, move_question, questions_of, save_terms, terms_of

# The states a provider counts on its list, in the order of the lifecycle.
COUNTED_STATES = [status for status in ApplicationStatus if status != ApplicationStatus.DRAFT]


@login_required
def index(request):
    """The aids of the provider's organisations that take applications here, each with its
    envelope and its applications by state; the others, to open them."""
    if not may_see_funding(request.user):
        raise PermissionDenied(PROVIDERS_ONLY)
    aids = funded_aids(request.user).order_by("name")
    taking = list(aids.filter(apply_in_aidess=True))
    envelopes = envelopes_of(taking)
    counts = {}
    rows = (
        counted_applications(request.user)
        .filter(aid__in=[aid.pk for aid in taking])
        .values_list("aid_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for aid_id, status, count in rows:
        counts.setdefault(aid_id, {})[status] = count
    for aid in taking:
        aid.envelope = envelopes[aid.pk]
        by_state = counts.get(aid.pk, {})
        aid.counts = [(s.label, by_state.get(s, 0)) for s in COUNTED_STATES if by_state.get(s)]
        aid.total = sum(by_state.values())
    others = [] if request.user.is_platform_admin else list(aids.filter(apply_in_aidess=False))
    return render(request, "funding/index.html", {"aids": taking, "others": others})


def terms_url(aid):
    return reverse("funding:terms", args=[aid.slug])


@login_required
def terms(request, slug):
    aid = aid_for_terms(request.user, slug)
    current = terms_of(aid)
    form = TermsForm(
        request.POST or None, instance=current, initial={"apply_in_aidess": aid.apply_in_aidess}
    )
    if request.method == "POST" and form.is_valid():
        warnings = save_terms(
            aid, request.user, form.save(commit=False), form.cleaned_data["apply_in_aidess"]
        )
        messages.success(request, "Les modalités de demande sont enregistrées.")
        for warning in warnings:
            messages.warning(request, warning)
        return redirect(terms_url(aid))
    status = 400 if form.errors else 200
    return render_terms(request, aid, form, QuestionForm(prefix="new"), status)


def render_terms(request, aid, form, question_form, status=200):
    context = {
        "aid": aid,
        "form": form,
        "questions": list(questions_of(aid)),
        "question_form": question_form,
    }
    return render(request, "funding/terms.html", context, status=status)


@login_required
@require_POST
def question_add(request, slug):
    aid = aid_for_terms(request.user, slug)
    question_form = QuestionForm(request.POST, prefix="new")
    if question_form.is_valid():
        question = add_question(aid, question_form.save(commit=False))
        messages.success(request, f"La question « {question.label} » est ajoutée.")
        return redirect(terms_url(aid) + "#questions")
    form = TermsForm(instance=terms_of(aid), initial={"apply_in_aidess": aid.apply_in_aidess})
    return render_terms(request, aid, form, question_form, status=400)


def aid_question(request, slug, question_id):
    aid = aid_for_terms(request.user, slug)
    return aid, get_object_or_404(questions_of(aid), pk=question_id)


@login_required
def question_edit(request, slug, question_id):
    aid, question = aid_question(request, slug, question_id)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"La question « {question.label} » est enregistrée.")
        return redirect(terms_url(aid) + "#questions")
    status = 400 if form.errors else 200
    context = {"aid": aid, "question": question, "form": form}
    return render(request, "funding/question.html", context, status=status)


@login_required
@require_POST
def question_move(request, slug, question_id):
    aid, question = aid_question(request, slug, question_id)
    direction = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if direction is None or not move_question(question, direction):
        messages.warning(request, "Cette question ne peut pas aller plus loin.")
    else:
        place = "monte" if direction < 0 else "descend"
        messages.success(request, f"La question « {question.label} » {place} d'un rang.")
    return redirect(terms_url(aid) + "#questions")


@login_required
@require_POST
def question_delete(request, slug, question_id):
    aid, question = aid_question(request, slug, question_id)
    question.delete()
    messages.success(request, f"La question « {question.label} » est retirée.")
    return redirect(terms_url(aid) + "#questions")
