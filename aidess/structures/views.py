from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from aidess.core.versioning import StaleEdit, VersionStamp, form_values
from aidess.nomenclatures.models import LegalCategory
from aidess.structures.enums import JoinStatus
from aidess.structures.forms import StructureForm, clean_siret_value
from aidess.structures.history import PAGE_SIZE, history_groups, structure_entries
from aidess.structures.legal_status import category_refusal
from aidess.structures.members import add_founder, members_to_confirm
from aidess.structures.models import Structure
from aidess.structures.permissions import (
    can_change_structure,
    can_manage_members,
    can_view_members,
    structure_for_change,
    structures_visible_to,
    structures_with_history_visible_to,
)
from aidess.structures.prefill import Prefill, prefill_profile

LIST_PAGE_SIZE = 50


@login_required
def structure_list(request):
    structures = (
        structures_visible_to(request.user)
        .select_related("commune", "department")
        .order_by("name", "pk")
    )
    page = Paginator(structures, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "structures/list.html", {"page_obj": page})


@login_required
def structure_detail(request, pk):
    structures = structures_visible_to(request.user).select_related(
        "commune", "department", "region", "legal_category", "naf_activity"
    )
    structure = get_object_or_404(structures, pk=pk)
    may_manage = can_manage_members(request.user, structure)
    context = {
        "structure": structure,
        "can_change": can_change_structure(request.user, structure),
        "can_view_members": can_view_members(request.user, structure),
        "pending_requests": may_manage
        and structure.join_requests.filter(status=JoinStatus.PENDING).count(),
        "members_to_confirm": members_to_confirm(request.user, structure),
    }
    return render(request, "structures/detail.html", context)


@login_required
def structure_history(request, pk):
    """Who changed the structure's data, newest first: members and administrators only."""
    structure = get_object_or_404(structures_with_history_visible_to(request.user), pk=pk)
    page = Paginator(structure_entries(structure), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "structures/history.html",
        {"structure": structure, "page_obj": page, "groups": history_groups(page, structure)},
    )


@login_required
def structure_create(request):
    return edit_profile(request, Structure())


@login_required
def structure_update(request, pk):
    return edit_profile(request, structure_for_change(request.user, pk))


def edit_profile(request, structure):
    """One form for creating and editing; its "Rechercher" button prefills from Sirene.

    The page carries the profile's version: a save from a page read before someone else's save
    is refused (409), drawn again with what was typed."""
    context = {"structure": structure}
    data = request.POST if request.method == "POST" else None
    stamp = VersionStamp(data, obj=structure, values=profile_values)
    status = 200
    if request.method != "POST":
        form = StructureForm(instance=structure)
    elif request.POST.get("action") == "lookup":
        form, context["lookup"] = lookup_form(request.POST, structure)
    else:
        form = StructureForm(request.POST, instance=structure)
        if form.is_valid() and stamp.read_version():
            structure.updated_by = request.user
            try:
                return save_profile(request, form, is_new=structure.pk is None)
            except StaleEdit as stale:
                context["conflict"], status = stamp.conflict(stale), 409
        elif stamp.problem:
            status = 400
    context.update(form=form, stamp=stamp)
    template = "structures/_form.html" if request.htmx else "structures/edit.html"
    return render(request, template, context, status=status)


def profile_values(structure):
    """What the profile form shows of the stored structure (its version snapshot)."""
    return form_values(StructureForm(instance=structure))


def lookup_form(data, structure):
    """An unbound form whose initial values are what was typed, overlaid with what Sirene knows."""
    typed = {name: data.get(name) for name in StructureForm.base_fields if name in data}
    for name in ("is_ess", "is_esus", "is_iae"):
        typed[name] = name in data
    try:
        siret = clean_siret_value(data.get("siret"))
    except ValidationError as error:
        prefill = Prefill(initial=typed, error=error.messages[0])
    else:
        if siret:
            prefill = prefill_profile(siret, typed)
            prefill.warning = not_ess_warning(prefill.initial) or prefill.warning
        else:
            prefill = Prefill(initial=typed, error="Saisissez un SIRET pour lancer la recherche.")
    return StructureForm(initial=prefill.initial, instance=structure), prefill


def not_ess_warning(initial):
    """A registry record of a public body: said at once, the save will refuse it."""
    category = LegalCategory.objects.filter(pk=initial.get("legal_category") or "").first()
    return category_refusal(category.code, category.label) if category else ""


@transaction.atomic
def save_profile(request, form, is_new):
    structure = form.save()
    if is_new:
        add_founder(structure, request.user)
        messages.success(request, "La fiche de votre structure est créée.")
    else:
        messages.success(request, "Les modifications sont enregistrées.")
    return redirect(structure)
