"""Pages of a structure's members: asking to join, the members page where administrators decide
requests and manage members, an advisor's confirmation. Rules in `members.py` and
`permissions.py`; these views only fetch, call and show."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.lifecycles.machine import TransitionRefused
from aidess.structures import members
from aidess.structures.enums import JoinStatus
from aidess.structures.forms import JoinRequestForm, RefusalForm, clean_siret_value
from aidess.structures.models import JoinRequest, Structure, StructureMembership
from aidess.structures.permissions import (
    can_confirm_as_support,
    can_decide_join_request,
    can_manage_members,
    can_view_members,
    members_page_for,
    structures_visible_to,
)


def structure_by_siret(siret):
    try:
        siret = clean_siret_value(siret)
    except ValidationError:  # a malformed SIRET is simply not found
        siret = ""
    return get_object_or_404(Structure.objects.only("pk", "name", "siret"), siret=siret or None)


@login_required
def join(request, siret):
    """Ask to join the structure registered with `siret`: only its public name is shown."""
    structure = structure_by_siret(siret)
    if StructureMembership.objects.filter(
        structure=structure, user=request.user, is_active=True
    ).exists():
        messages.info(request, "Vous faites déjà partie de cette structure.")
        return redirect(structure)
    pending = members.pending_request(structure, request.user)
    form = JoinRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and pending is None:
        if form.is_valid():
            try:
                pending = members.request_to_join(
                    structure, request.user, form.cleaned_data["message"], absolute(request)
                )
            except members.MembershipRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    "Votre demande est envoyée aux administrateurs de la structure. Vous "
                    "recevrez un e-mail dès qu'ils auront répondu.",
                )
                return redirect("structures:join", siret=structure.siret)
        else:
            status = 400
    elif request.method == "POST":
        messages.info(request, members.already_pending(pending))
    context = {"structure": structure, "form": form, "pending": pending}
    return render(request, "structures/join.html", context, status=status)


@login_required
@require_POST
def cancel_request(request, pk):
    """The requester withdraws a pending request (404 for anyone else: it is not theirs)."""
    join_request = get_object_or_404(JoinRequest, pk=pk, user=request.user)
    try:
        members.cancel(join_request, request.user)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Votre demande est annulée.")
    return redirect("core:dashboard")


@login_required
def members_page(request, pk, refusal_forms=None, status=200):
    structure = members_page_for(request.user, pk)
    memberships = list(
        StructureMembership.objects.filter(structure=structure)
        .select_related("user", "confirmed_by", "confirming_organization")
        .order_by("-is_active", "-is_admin", "user__last_name", "user__first_name", "pk")
    )
    for membership in memberships:
        membership.confirmation_text = members.confirmation_text(membership)
    pending = list(
        structure.join_requests.filter(status=JoinStatus.PENDING)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    refusal_forms = refusal_forms or {}
    for join_request in pending:
        join_request.may_decide = can_decide_join_request(request.user, join_request)
        join_request.refusal_form = refusal_forms.get(join_request.pk) or RefusalForm(
            prefix=f"refus-{join_request.pk}"
        )
    context = {
        "structure": structure,
        "active": [m for m in memberships if m.is_active],
        "former": [m for m in memberships if not m.is_active],
        "pending": pending,
        "may_manage": can_manage_members(request.user, structure),
    }
    return render(request, "structures/members.html", context, status=status)


@login_required
@require_POST
def decide(request, pk, request_pk):
    structure = members_page_for(request.user, pk)
    join_request = get_object_or_404(
        structure.join_requests.select_related("user", "structure"), pk=request_pk
    )
    action = request.POST.get("action")
    form = RefusalForm(request.POST, prefix=f"refus-{join_request.pk}")
    try:
        if action == "approve":
            members.approve(join_request, request.user, absolute(request))
            name = members.person_name(join_request.user)
            messages.success(request, f"{name} fait désormais partie de la structure.")
        elif action == "refuse" and form.is_valid():
            members.refuse(
                join_request, request.user, form.cleaned_data["reason"], absolute(request)
            )
            messages.success(request, "La demande est refusée ; la personne en est informée.")
        elif action == "refuse":
            if not can_decide_join_request(request.user, join_request):
                raise PermissionDenied("Seuls les administrateurs de la structure décident.")
            return members_page(request, pk, {join_request.pk: form}, status=400)
        else:
            messages.error(request, "Action inconnue.")
    except TransitionRefused as refusal:
        if refusal.status == 403:
            raise PermissionDenied(refusal.message) from None
        messages.error(request, refusal.message)
    return redirect("structures:members", pk=structure.pk)


MEMBER_ACTIONS = {
    "make_admin": (members.make_admin, "{name} administre désormais la structure."),
    "remove_admin": (members.remove_admin, "{name} n'administre plus la structure."),
    "deactivate": (members.deactivate, "{name} ne fait plus partie de la structure."),
}


@login_required
@require_POST
def member_action(request, pk, membership_pk):
    structure = members_page_for(request.user, pk)
    if not can_manage_members(request.user, structure):
        raise PermissionDenied("Seuls les administrateurs de la structure gèrent ses membres.")
    membership = get_object_or_404(
        structure.memberships.select_related("user", "structure"), pk=membership_pk
    )
    action, done = MEMBER_ACTIONS.get(request.POST.get("action"), (None, ""))
    if action is None:
        messages.error(request, "Action inconnue.")
    else:
        try:
            action(membership)
        except members.MembershipRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, done.format(name=members.person_name(membership.user)))
    if membership.user_id == request.user.pk and not can_view_members(request.user, structure):
        return redirect("core:dashboard")  # left the structure: its pages are no longer theirs
    return redirect("structures:members", pk=structure.pk)


@login_required
@require_POST
def confirm_member(request, pk, membership_pk):
    """An advisor of a support organisation covering the structure vouches for a member."""
    structure = get_object_or_404(structures_visible_to(request.user), pk=pk)
    if not can_confirm_as_support(request.user, structure):
        raise PermissionDenied(
            "Seul un organisme d'accompagnement dont le territoire couvre la structure peut "
            "confirmer le rattachement de ses membres."
        )
    membership = get_object_or_404(
        structure.memberships.select_related("user", "structure"), pk=membership_pk
    )
    try:
        organization = members.confirm_as_support(membership, request.user)
    except members.MembershipRefused as refusal:
        messages.error(request, refusal.message)
    else:
        name = members.person_name(membership.user)
        messages.success(
            request,
            f"Vous avez confirmé, au nom de {organization.name}, que {name} agit pour la structure.",
        )
    return redirect(structure)


def absolute(request):
    return request.build_absolute_uri
