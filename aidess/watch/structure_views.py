"""A structure's page for the watch: profile and level, its alerts with the triage forms the
agent may use, partner indicators, shared diagnosis and plan (when the finances rule allows),
orientations, applications, history, the cell's comments, follow / unfollow.

Every render that shows a confidential alert writes a `ConfidentialAccess` row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.cashflow.permissions import plans_visible_to
from aidess.diagnosis.models import Diagnosis
from aidess.diagnosis.permissions import can_read_finances
from aidess.lifecycles.machine import TransitionRefused
from aidess.watch import triage
from aidess.watch.enums import NationalResource, RiskLevel
from aidess.watch.forms import (
    AnswerForm,
    CommentForm,
    EscalateForm,
    FollowForm,
    OrientForm,
    QualifyForm,
    ResolveForm,
    UnfollowForm,
)
from aidess.watch.lifecycle import ALERT_LIFECYCLE
from aidess.watch.models import Comment, ConfidentialAccess, Follow, StructureRisk
from aidess.watch.permissions import (
    alerts_visible_to,
    cells_of,
    is_national_agent,
    structures_reachable_by,
)
from aidess.watch.views import require_agent

ACTION_FORMS = {
    "qualify": QualifyForm,
    "orient": OrientForm,
    "resolve": ResolveForm,
    "escalate": EscalateForm,
    "answer": AnswerForm,
}
DONE = {
    "qualify": "Signalement qualifié.",
    "orient": "Signalement orienté : les organisations choisies ont reçu la demande.",
    "resolve": "Signalement clos.",
    "escalate": "Signalement remonté à la cellule nationale.",
    "answer": "Réponse de la cellule nationale enregistrée.",
}


def actions_for(alert, user, national):
    """The triage actions `user` may take on `alert` now (each a form on the page)."""
    names = []
    for name in ACTION_FORMS:
        transition = ALERT_LIFECYCLE.transitions[name]
        if alert.status in transition.sources and transition.allowed(user, alert):
            names.append(name)
    if "answer" in names and not national:
        names.remove("answer")
    return names


def cell_for(user, structure):
    """The user's cell covering the structure (its regional cell first)."""
    cells = sorted(
        cells_of(user).prefetch_related("regions"), key=lambda c: c.scope_level == "national"
    )
    for cell in cells:
        if cell.territorial_scope().covers(structure.region_id, structure.department_id):
            return cell
    return None


def structure_context(request, structure, bound=None):
    """Everything the page shows; `bound` = (alert pk, action or section, bound form)."""
    user = request.user
    national = is_national_agent(user)
    alerts = list(
        alerts_visible_to(user)
        .filter(structure=structure)
        .select_related("cell", "created_by")
        .prefetch_related("help_requests__recipients__organization")
    )
    organizations = triage.support_organizations_covering(structure)
    for alert in alerts:
        alert.forms = {}
        for name in actions_for(alert, user, national):
            form_class = ACTION_FORMS[name]
            extra = {"organizations": organizations} if name == "orient" else {}
            if bound and bound[0] == alert.pk and bound[1] == name:
                form = bound[2]
            else:
                form = form_class(prefix=f"a{alert.pk}-{name}", **extra)
            form.title = ALERT_LIFECYCLE.transitions[name].label
            alert.forms[name] = form
        alert.resource_labels = [
            NationalResource(slug).label
            for slug in alert.national_resources
            if slug in NationalResource.values
        ]
        alert.history = ALERT_LIFECYCLE.history(alert)
    cell = cell_for(user, structure)
    follow = (
        Follow.objects.filter(cell=cell, structure=structure, ended_at__isnull=True).first()
        if cell
        else None
    )
    placed = {id(form) for alert in alerts for form in alert.forms.values()}
    orphan = bound[2] if bound and bound[0] is not None and id(bound[2]) not in placed else None
    section_form = bound[2] if bound and bound[0] is None else None
    section = bound[1] if bound and bound[0] is None else ""
    finances = can_read_finances(user, structure)
    risk = StructureRisk.objects.filter(structure=structure).first()
    readable_pks = [alert.pk for alert in alerts]
    comments = Comment.objects.filter(structure=structure).filter(
        Q(cell__in=cells_of(user)) | Q(alert__in=readable_pks)
    )
    return {
        "structure": structure,
        "risk": risk,
        "level": RiskLevel(risk.level) if risk else RiskLevel.UNKNOWN,
        "alerts": alerts,
        "refusals": orphan.non_field_errors() if orphan else [],
        "indicators": structure.indicators.select_related("batch").order_by("kind", "-observed_on"),
        "finances": finances,
        "diagnosis": (
            Diagnosis.objects.filter(structure=structure, completed_at__isnull=False)
            .order_by("-completed_at")
            .first()
            if finances
            else None
        ),
        "plan": plans_visible_to(user).filter(structure=structure).order_by("-pk").first(),
        "help_requests": {hr for alert in alerts for hr in alert.help_requests.all()},
        "applications": Application.objects.filter(structure=structure)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("aid")
        .order_by("-submitted_at"),
        "history": sorted(
            (entry for alert in alerts for entry in alert.history),
            key=lambda entry: (entry.created_at, entry.pk),
        ),
        "comments": comments.select_related("author", "cell"),
        "cell": cell,
        "follow": follow,
        "follow_form": section_form if section == "follow" else FollowForm(prefix="follow"),
        "unfollow_form": section_form if section == "unfollow" else UnfollowForm(prefix="stop"),
        "comment_form": section_form if section == "comment" else CommentForm(prefix="comment"),
    }


def render_page(request, structure, bound=None, status=200):
    context = structure_context(request, structure, bound)
    if any(alert.is_confidential for alert in context["alerts"]):
        ConfidentialAccess.objects.create(
            user=request.user, structure=structure, path=request.path[:300]
        )
    return render(request, "watch/structure.html", context, status=status)


def reachable(request, pk):
    require_agent(request.user)
    return get_object_or_404(
        structures_reachable_by(request.user).select_related(
            "commune", "department", "region", "legal_category", "naf_activity"
        ),
        pk=pk,
    )


@login_required
def structure_page(request, pk):
    return render_page(request, reachable(request, pk))


def refused(form, error):
    """Put a domain refusal next to the form's fields (or above them); its HTTP status."""
    if isinstance(error, TransitionRefused):
        form.add_error(None, error.message)
        return error.status
    form.add_error(None, error)
    return 400


@login_required
@require_POST
def alert_action(request, pk, action):
    user = request.user
    require_agent(user)
    alert = get_object_or_404(alerts_visible_to(user).select_related("structure", "cell"), pk=pk)
    if action not in ACTION_FORMS:
        return redirect("watch:structure", pk=alert.structure_id)
    extra = {}
    if action == "orient":
        extra["organizations"] = triage.support_organizations_covering(alert.structure)
    form = ACTION_FORMS[action](request.POST, prefix=f"a{alert.pk}-{action}", **extra)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "qualify":
                triage.qualify(alert, user, data["comment"])
            elif action == "orient":
                triage.orient(alert, user, form.chosen(), data["note"])
            elif action == "resolve":
                triage.resolve(alert, user, data["resolution"], data["comment"])
            elif action == "escalate":
                triage.escalate(alert, user, data["reason"], data["comment"])
            else:
                triage.answer(alert, user, data["resources"], data["comment"])
        except (TransitionRefused, ValidationError) as error:
            status = refused(form, error)
        else:
            messages.success(request, DONE[action])
            url = reverse("watch:structure", args=[alert.structure_id])
            return redirect(f"{url}#alerte-{alert.pk}")
    alert.refresh_from_db()
    return render_page(request, alert.structure, (alert.pk, action, form), status=status)


@login_required
@require_POST
def structure_action(request, pk, action):
    """Follow, stop following, comment: the cell's own acts on the structure."""
    user = request.user
    structure = reachable(request, pk)
    cell = cell_for(user, structure)
    forms = {"follow": FollowForm, "unfollow": UnfollowForm, "comment": CommentForm}
    prefixes = {"follow": "follow", "unfollow": "stop", "comment": "comment"}
    if action not in forms or cell is None:
        return redirect("watch:structure", pk=pk)
    form = forms[action](request.POST, prefix=prefixes[action])
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "follow":
                triage.follow(cell, structure, user, data["reason"])
                done = "La cellule suit désormais cette structure."
            elif action == "unfollow":
                current = get_object_or_404(
                    Follow, cell=cell, structure=structure, ended_at__isnull=True
                )
                triage.unfollow(current, user, data["end_reason"], data["actions_taken"])
                done = "Le suivi de cette structure est arrêté."
            else:
                triage.add_comment(cell, structure, user, data["text"])
                done = "Commentaire ajouté."
        except (TransitionRefused, ValidationError) as error:
            status = refused(form, error)
        else:
            messages.success(request, done)
            if not structures_reachable_by(user).filter(pk=pk).exists():
                return redirect("watch:home")  # only followed, and no longer
            return redirect("watch:structure", pk=pk)
    return render_page(request, structure, (None, action, form), status=status)
