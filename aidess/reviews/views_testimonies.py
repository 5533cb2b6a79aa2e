"""Testimonies from the structure's side (its members write and withdraw them) or recorded by a
watch agent on its behalf, its consent stated (`permissions.py`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aidess.reviews import testimonies
from aidess.reviews.forms import TestimonyForm
from aidess.reviews.models import Testimony
from aidess.reviews.permissions import can_withdraw, can_write_testimony, is_member
from aidess.structures.permissions import structures_visible_to

REFUSED = "Réservé aux membres de la structure et aux cellules de veille de son territoire."


def _structure(request, structure_id):
    structure = get_object_or_404(structures_visible_to(request.user), pk=structure_id)
    if not can_write_testimony(request.user, structure):
        raise PermissionDenied(REFUSED)
    return structure


@login_required
def new(request, structure_id):
    structure = _structure(request, structure_id)
    on_behalf = not is_member(request.user, structure)
    aids = testimonies.aids_received(structure)
    plans = testimonies.plans_helped_by(structure)
    form = TestimonyForm(request.POST or None, aids=aids, plans=plans, on_behalf=on_behalf)
    if request.method == "POST" and form.is_valid():
        testimonies.write(structure, request.user, on_behalf=on_behalf, **form.cleaned_data)
        messages.success(request, "Merci : le témoignage est enregistré.")
        return redirect("reviews:testimonies", structure.pk)
    context = {"structure": structure, "form": form, "aids": aids, "on_behalf": on_behalf}
    return render(
        request, "reviews/testimony_form.html", context, status=400 if form.errors else 200
    )


@login_required
def structure_testimonies(request, structure_id):
    structure = _structure(request, structure_id)
    quotes = list(structure.testimonies.select_related("aid", "plan", "recorded_by"))
    for quote in quotes:
        quote.can_withdraw = quote.is_published and can_withdraw(request.user, quote)
    context = {"structure": structure, "testimonies": quotes}
    return render(request, "reviews/testimonies.html", context)


@login_required
@require_POST
def withdraw(request, pk):
    testimony = get_object_or_404(
        Testimony.objects.filter(structure__in=structures_visible_to(request.user)), pk=pk
    )
    if not can_withdraw(request.user, testimony):
        raise PermissionDenied("Seuls les membres de la structure retirent son accord.")
    testimonies.withdraw(testimony)
    messages.success(
        request, "L'accord est retiré : ce témoignage ne paraîtra plus dans les bilans."
    )
    return redirect("reviews:testimonies", testimony.structure_id)
