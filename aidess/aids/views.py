from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from aidess.aids.enums import AidStatus, Recurrence
from aidess.aids.extensions import attached_aid_forms
from aidess.aids.forms import AidForm
from aidess.aids.models import Aid
from aidess.aids.moderation import (
    AID_LIFECYCLE,
    after_edit,
    aids_to_moderate,
    is_moderator,
    needs_new_moderation,
    refusal_reasons,
    status_counts,
)
from aidess.aids.permissions import (
    aids_editable_by,
    aids_visible_to,
    can_change_aid,
    can_create_aid,
)
from aidess.aids.search import AidSearchForm, search_aids
from aidess.aids.sources import readable
from aidess.core.permissions import get_for_change
from aidess.lifecycles.machine import TransitionRefused
from aidess.structures.permissions import member_structures


def default_commune(user):
    """A structure member searches from its structure's commune unless it chooses another place."""
    # Its own structures only: `editable_by` would give an administrator every structure.
    structure = member_structures(user).filter(commune__isnull=False).order_by("pk").first()
    return structure.commune.label if structure else ""


def aid_search(request):
    data = request.GET.copy()
    if "commune" not in data and request.user.is_authenticated:
        data["commune"] = default_commune(request.user)
    form = AidSearchForm(data)
    page, notice = None, ""
    if form.is_valid():
        search = search_aids(form.cleaned_data, timezone.localdate())
        _paginator, page = search.page(form.cleaned_data.get("page"))
        notice = search.notice
    query = request.GET.copy()  # for the "include closed aids" suggestion, the same search
    query.pop("page", None)
    return render(
        request,
        "aids/search.html",
        {"form": form, "page_obj": page, "notice": notice, "query": query.urlencode()},
    )


def visible_aid(request, slug):
    return get_object_or_404(
        aids_visible_to(request.user)
        .select_related("criteria")
        .prefetch_related(
            "providers", "co_funders", "regions", "departments", "epcis", "communes", "sectors"
        ),
        slug=slug,
    )


def aid_detail(request, slug):
    return render(request, "aids/detail.html", detail_context(request, visible_aid(request, slug)))


def detail_context(request, aid):
    """The page; its editors and the administrators also see the lifecycle's buttons, the
    history of its statuses and the reason of a refusal."""
    can_change = can_change_aid(request.user, aid)
    history = AID_LIFECYCLE.history(aid) if can_change else []
    refusals = [e for e in history if e.to_state == AidStatus.REFUSED]
    return {
        "aid": aid,
        "is_open": aid.is_open(),
        "can_change": can_change,
        "transitions": AID_LIFECYCLE.available(aid, request.user),
        "history": history,
        "refusal": refusals[-1] if refusals and aid.status == AidStatus.REFUSED else None,
        "provenance": readable(aid.provenance),
        "calendar": calendar_of(aid),
    }


def calendar_of(aid):
    """Recurrence and dates in one line; an aid that closes on a date is not called permanent."""
    parts = []
    if not (aid.recurrence == Recurrence.PERMANENT and aid.closing_date):
        parts.append(aid.get_recurrence_display())
    if aid.opening_date:
        parts.append(f"ouverture le {date_format(aid.opening_date, 'j F Y')}")
    if aid.closing_date:
        parts.append(f"clôture le {date_format(aid.closing_date, 'j F Y')}")
    text = " — ".join(parts)
    return text[:1].upper() + text[1:]


@login_required
def provider_aids(request):
    """The aids of the provider's organisations, drafts included, with the reason of a refusal."""
    aids = list(aids_editable_by(request.user).prefetch_related("providers").order_by("name"))
    reasons = refusal_reasons(aids)
    for aid in aids:
        aid.refusal = reasons.get(aid.pk)
    return render(request, "aids/provider_list.html", {"aids": aids})


@login_required
def moderation_list(request):
    """The administrators' queue: submitted aids, the oldest first, and the catalog by status."""
    if not is_moderator(request.user):
        raise PermissionDenied("La modération des aides est réservée à l'équipe AidESS.")
    context = {"aids": aids_to_moderate(), "counts": status_counts(Aid.objects.all())}
    return render(request, "aids/moderation_list.html", context)


@login_required
def aid_create(request):
    if not can_create_aid(request.user):
        raise PermissionDenied("Seuls les financeurs publient des aides.")
    return edit_aid(request, Aid(), is_new=True)


@login_required
def aid_update(request, slug):
    aid = get_for_change(aids_visible_to(request.user), can_change_aid, request.user, slug=slug)
    return edit_aid(request, aid, is_new=False)


def edit_aid(request, aid, is_new):
    """The aid and the forms other apps attach (its criteria), in one page and one transaction."""
    remoderated = not is_new and needs_new_moderation(request.user, aid)
    form = AidForm(request.POST or None, instance=aid, user=request.user)
    attached = attached_aid_forms(request.POST or None, aid)
    if (
        request.method == "POST"
        and form.is_valid()
        and all(part.is_valid() for part in attached.values())
    ):
        with transaction.atomic():
            aid = form.save()
            for part in attached.values():
                part.save_for(aid)
            after_edit(aid, request.user)
        messages.success(request, SAVED.get(aid.status, "Aide enregistrée."))
        return redirect(aid)
    return render(
        request,
        "aids/edit.html",
        {"form": form, **attached, "aid": aid, "is_new": is_new, "remoderated": remoderated},
    )


SAVED = {
    AidStatus.DRAFT: "Aide enregistrée en brouillon. Soumettez-la à modération quand elle est "
    "prête : elle sera visible de tous après validation par l'équipe AidESS.",
    AidStatus.SUBMITTED: "Aide enregistrée. Elle est soumise à modération : elle sera visible "
    "de tous après validation par l'équipe AidESS.",
}
DONE = {
    "submit": "Aide soumise à modération. L'équipe AidESS la validera ou vous dira quoi revoir.",
    "publish": "L'aide est publiée.",
    "refuse": "L'aide est refusée ; son financeur voit le motif.",
    "to_draft": "L'aide est repassée en brouillon : corrigez-la puis soumettez-la à nouveau.",
    "close": "L'aide est clôturée.",
    "archive": "L'aide est archivée.",
}


@require_POST
@login_required
def aid_transition(request, slug, transition):
    """A lifecycle button; a refusal shows on the aid's page, the comment typed kept."""
    if transition not in DONE:  # the buttons; the others are triggered by rules, not pages
        raise Http404
    aid = visible_aid(request, slug)
    comment = request.POST.get("comment", "")
    try:
        AID_LIFECYCLE.apply(aid, transition, request.user, comment)
    except TransitionRefused as refused:
        context = {
            **detail_context(request, aid),
            "transition_error": refused.message,
            "comment": comment,
        }
        return render(request, "aids/detail.html", context, status=refused.status)
    messages.success(request, DONE[transition])
    return redirect(aid)
