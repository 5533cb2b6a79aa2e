from django.shortcuts import render
from django.views.decorators.http import require_GET

from aidess.territories.search import suggest


@require_GET
def commune_suggestions(request):
    """Options of the commune <datalist>: public reference data, so no login needed.

    The commune component sends its box's value under the field's name; `q` also works."""
    query = request.GET.get("q") or next(iter(request.GET.values()), "")
    communes = suggest(query[:80]) if len(query.strip()) >= 2 else []
    return render(request, "territories/_commune_options.html", {"communes": communes})
