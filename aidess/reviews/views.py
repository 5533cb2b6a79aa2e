"""The review pages: the choice (/bilans/), an aid's or a plan's review with its files, under
the API's rules (`permissions.py`: 404 out of sight, 403 for the others)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from aidess.nomenclatures.vocabulary import SECTORS
from aidess.reviews import files
from aidess.reviews.forms import ChoiceForm, PeriodForm
from aidess.reviews.outcomes import HORIZONS
from aidess.reviews.permissions import (
    AID_REFUSED,
    PLAN_REFUSED,
    aid_for_review,
    can_open_reviews,
    plan_for_review,
    reviewable_aids,
    reviewable_plans,
)
from aidess.reviews.report import report

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@login_required
def index(request):
    if not can_open_reviews(request.user):
        raise PermissionDenied("Réservé aux cellules de veille et aux porteurs d'aides.")
    form = ChoiceForm(
        request.GET or None,
        aids=reviewable_aids(request.user),
        plans=reviewable_plans(request.user).order_by("name"),
    )
    if form.is_bound and form.is_valid():
        start, end = form.period()
        query = {"from": start or "", "to": end or ""}
        if form.cleaned_data["aid"]:
            target = reverse("reviews:aid", args=[form.cleaned_data["aid"].slug])
        else:
            target = reverse("reviews:plan", args=[form.cleaned_data["plan"].pk])
        query = {key: value for key, value in query.items() if value}
        return redirect(f"{target}?{urlencode(query)}" if query else target)
    status = 400 if form.is_bound else 200
    return render(request, "reviews/index.html", {"form": form}, status=status)


def _aid(request, slug):
    aid, allowed = aid_for_review(request.user, slug)
    if aid is None:
        raise Http404("Aide introuvable.")
    if not allowed:
        raise PermissionDenied(AID_REFUSED)
    return {"aid": aid}


def _plan(request, pk):
    plan, allowed = plan_for_review(request.user, pk)
    if plan is None:
        raise Http404("Plan introuvable.")
    if not allowed:
        raise PermissionDenied(PLAN_REFUSED)
    return {"plan": plan}


def _page(request, subject, file_url):
    period = PeriodForm(request.GET)
    context = {**subject, "period": period}
    if not period.is_valid():
        return render(request, "reviews/review.html", context, status=400)
    start, end = period.period()
    result = report(**subject, start=start, end=end)
    query = urlencode({key: value for key, value in (("from", start), ("to", end)) if value})
    context.update(
        report=result,
        review=result.review,
        by_sector=_rows(result.review.by_sector, lambda code: SECTORS.get(code, files.UNKNOWN)),
        by_region=_rows(result.review.by_region, _region_names(result.review)),
        horizons=HORIZONS,
        known=files.KNOWN,
        files={fmt: f"{file_url(fmt)}{'?' + query if query else ''}" for fmt in CONTENT_TYPES},
    )
    return render(request, "reviews/review.html", context)


def _region_names(result):
    names = files.region_labels(result)
    return lambda code: names.get(code, files.UNKNOWN)


def _rows(groups, label_of):
    return [(label_of(group.code), group, group.share * 100) for group in groups]


def _file(request, subject, fmt, name):
    if fmt not in CONTENT_TYPES:
        raise Http404
    period = PeriodForm(request.GET)
    if not period.is_valid():
        errors = "; ".join(message for values in period.errors.values() for message in values)
        return HttpResponse(
            f"Période invalide : {errors}", status=400, content_type="text/plain; charset=utf-8"
        )
    start, end = period.period()
    result = report(**subject, start=start, end=end)
    content = files.xlsx(result) if fmt == "xlsx" else files.pdf(result)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="bilan-{slugify(name)}.{fmt}"'
    return response


@login_required
def aid_review(request, slug):
    subject = _aid(request, slug)
    return _page(request, subject, lambda fmt: reverse("reviews:aid_file", args=[slug, fmt]))


@login_required
def plan_review(request, pk):
    subject = _plan(request, pk)
    return _page(request, subject, lambda fmt: reverse("reviews:plan_file", args=[pk, fmt]))


@login_required
def aid_file(request, slug, fmt):
    return _file(request, _aid(request, slug), fmt, slug)


@login_required
def plan_file(request, pk, fmt):
    subject = _plan(request, pk)
    return _file(request, subject, fmt, f"plan-{pk}")
