from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from aidess.structures.models import Structure


def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    structures = Structure.objects.editable_by(request.user).select_related("commune")
    return render(request, "core/dashboard.html", {"structures": structures})
