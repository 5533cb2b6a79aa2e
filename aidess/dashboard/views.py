from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from aidess.structures.permissions import structures_editable_by


def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    structures = structures_editable_by(request.user).select_related("commune")
    return render(request, "core/dashboard.html", {"structures": structures})
