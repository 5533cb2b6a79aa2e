"""The instructors' inbox (as Démarches Simplifiées shows it): tabs by state with their counts,
filters, 50 rows a page, and actions on a selection.

One query shape for the rows (`filters.select`, joined with what a row shows, labels prefetched),
one GROUP BY for the tab counts, one COUNT for the pagination: the page stays fast at 100 000
applications (bench/)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from aidess.aids.models import Aid
from aidess.applications.models import Application, Label
from aidess.applications.permissions import applications_instructed_by, instructing_organizations
from aidess.instruction import actions
from aidess.instruction.action_forms import BatchForm
from aidess.instruction.filters import DEFAULT_TAB, TABS, select, tab_counts
from aidess.instruction.forms import InboxFilterForm
from aidess.instruction.permissions import colleagues, is_instructing, labels_of

PAGE_SIZE = 50
NOT_AN_INSTRUCTOR = (
    "La boîte de réception est réservée aux membres des organisations qui portent des aides."
)
# ?tri=… : (label, ordering). Ties broken by the primary key so that pages do not overlap.
SORTS = {
    "-date": ("Dépôt, plus récent d'abord", ("-submitted_at", "-pk")),
    "date": ("Dépôt, plus ancien d'abord", ("submitted_at", "pk")),
    "-montant": ("Montant demandé, décroissant", ("-amount_requested_eur", "-pk")),
    "montant": ("Montant demandé, croissant", ("amount_requested_eur", "pk")),
    "numero": ("Numéro", ("reference", "pk")),
}
DEFAULT_SORT = "-date"
ROW_FIELDS = (
    "reference",
    "status",
    "project_title",
    "amount_requested_eur",
    "submitted_at",
    "structure__name",
    "structure__siret",
    "structure__department__code",
    "structure__department__name",
    "aid__name",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "assigned_to__email",
)


def person_name(user):
    return user.get_full_name() or user.email


def filter_choices(user):
    """(aids, instructors, labels) the filter form and the batch form offer: 3 small queries."""
    organizations = instructing_organizations(user)
    aids = (
        Aid.objects.filter(pk__in=Aid.objects.filter(providers__in=organizations).values("pk"))
        .order_by("name")
        .values_list("pk", "name")
    )
    people = colleagues(user).only("pk", "first_name", "last_name", "email")
    labels = labels_of(user).order_by("name", "organization__name")
    several = len({label.organization_id for label in labels}) > 1
    return (
        list(aids),
        [(person.pk, person_name(person)) for person in people],
        [
            (label.pk, f"{label.name} ({label.organization.name})" if several else label.name)
            for label in labels
        ],
    )


def query_without(params, *names):
    """The query string of `params` (a QueryDict) without `names`, for links that change one."""
    kept = [(key, value) for key, values in params.lists() if key not in names for value in values]
    return urlencode(kept)


def rows(applications, filters, sort):
    ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    return (
        select(applications, filters)
        .order_by(*ordering)
        .select_related("structure__department", "aid", "assigned_to")
        .only(*ROW_FIELDS)
        .prefetch_related(Prefetch("labels", queryset=Label.objects.only("pk", "name")))
    )


@login_required
def inbox(request):
    user = request.user
    if not is_instructing(user):
        raise PermissionDenied(NOT_AN_INSTRUCTOR)
    aids, instructors, labels = filter_choices(user)
    form = InboxFilterForm(
        request.GET or None, aids=aids, instructors=instructors, labels=labels, user=user
    )
    if form.is_bound:
        form.is_valid()  # invalid fields are shown and left out of the filters
    filters = form.filters()
    applications = applications_instructed_by(user)
    sort = request.GET.get("tri", DEFAULT_SORT)
    sort = sort if sort in SORTS else DEFAULT_SORT
    counts = tab_counts(applications, filters)
    paginator = Paginator(rows(applications, filters, sort), PAGE_SIZE)
    paginator.count = counts.get(filters.tab, counts[DEFAULT_TAB])  # no second COUNT(*)
    page = paginator.get_page(request.GET.get("page"))
    followed = set(
        Application.followers.through.objects.filter(
            user=user, application_id__in=[row.pk for row in page]
        ).values_list("application_id", flat=True)
    )
    tab_query = query_without(request.GET, "tab", "page")
    return render(
        request,
        "instruction/inbox.html",
        {
            "form": form,
            "filters": filters,
            "tabs": [(key, label, counts[key]) for key, label, _states in TABS],
            "current_tab": filters.tab,
            "tab_query": tab_query,
            "sort_query": query_without(request.GET, "tri", "page"),
            "sort": sort,
            "sorts": [(key, label) for key, (label, _ordering) in SORTS.items()],
            "page_obj": page,
            "followed": followed,
            "batch_form": BatchForm(instructors=instructors, labels=labels),
            "next": request.get_full_path(),
            "filtering": form.errors or any(k not in ("tab", "tri", "page") for k in request.GET),
        },
    )


def back_to_inbox(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("instruction:inbox")


def report(request, outcomes, action):
    """One message for what was done, one per application refused, with its reason."""
    done = [outcome.application.reference for outcome in outcomes if outcome.done]
    if done:
        one, several = actions.BATCH_DONE[action]
        what = f"1 demande {one}" if len(done) == 1 else f"{len(done)} demandes {several}"
        messages.success(request, f"{what} : {', '.join(done)}.")
    for outcome in outcomes:
        if not outcome.done:
            messages.error(
                request, f"{outcome.application.reference} non traitée : {outcome.message}"
            )


def export_redirect(request, selected):
    """The export page (built apart) with the selection as `?ids=1,2,3`."""
    try:
        url = reverse("instruction:export")
    except NoReverseMatch:  # the exports are not installed
        messages.error(request, "L'export n'est pas disponible pour le moment.")
        return back_to_inbox(request)
    return redirect(f"{url}?ids={','.join(str(application.pk) for application in selected)}")


@login_required
@require_POST
def batch(request):
    user = request.user
    if not is_instructing(user):
        raise PermissionDenied(NOT_AN_INSTRUCTOR)
    _aids, instructors, labels = filter_choices(user)
    form = BatchForm(request.POST, instructors=instructors, labels=labels)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back_to_inbox(request)
    data = form.cleaned_data
    selected = list(
        applications_instructed_by(user)
        .filter(pk__in=data["ids"])
        .select_related("aid")
        .order_by("reference", "pk")
    )
    if not selected:
        messages.error(request, "Aucune des demandes cochées ne vous est accessible.")
        return back_to_inbox(request)
    if data["action"] == "export":
        return export_redirect(request, selected)
    assignee = colleagues(user).filter(pk=data["assignee"]).first() if data["assignee"] else None
    label = labels_of(user).filter(pk=data["label"]).first() if data["label"] else None
    outcomes = actions.run_batch(
        selected, user, data["action"], assignee=assignee, label=label, reason=data["reason"]
    )
    report(request, outcomes, data["action"])
    return back_to_inbox(request)
