import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from aidess.aids.models import Aid
from aidess.core.permissions import get_for_change, get_for_view
from aidess.core.vocabulary import SECTORS
from aidess.diagnosis.needs import latest_needs
from aidess.eligibility.engine import AidVerdict
from aidess.eligibility.forms import NeedsForm, SimulationForm
from aidess.eligibility.models import criteria_of
from aidess.eligibility.profiles import profile_of
from aidess.eligibility.service import candidate_aids, evaluate_and_rank
from aidess.eligibility.targeting import counts_by_place_and_sector, eligible_structures
from aidess.organizations.enums import Role
from aidess.organizations.models import scope_for
from aidess.structures.models import Structure

PROFILE_FIELD_LABELS = {
    "legal_category": "catégorie juridique",
    "ess": "appartenance à l'ESS",
    "esus": "agrément ESUS",
    "iae": "structure de l'IAE",
    "employees_fte": "salariés (ETP)",
    "annual_budget_eur": "budget annuel",
    "public_funding_share": "part des financements publics",
    "sector": "secteur",
    "commune": "commune du siège",
    "situations": "situation (autodiagnostic)",
    "creation_date": "date de création",
}


def grouped(results):
    """The three lists a structure reads: eligible, to confirm, near misses."""
    missing = sorted(
        {
            PROFILE_FIELD_LABELS.get(c.missing, c.missing)
            for item in results
            if item.verdict == AidVerdict.TO_CONFIRM
            for c in item.evaluation.unknown
        }
    )
    eligible = [r for r in results if r.verdict == AidVerdict.ELIGIBLE]
    to_confirm = [r for r in results if r.verdict == AidVerdict.TO_CONFIRM]
    return {
        # In rank order; pages fold the generic aids (nothing speaks to the structure).
        "eligible": eligible,
        "eligible_specific": [r for r in eligible if not r.generic],
        "eligible_generic": [r for r in eligible if r.generic],
        "to_confirm": to_confirm,
        "to_confirm_specific": [r for r in to_confirm if not r.generic],
        "to_confirm_generic": [r for r in to_confirm if r.generic],
        "near_misses": [r for r in results if r.verdict == AidVerdict.INELIGIBLE and r.near_miss],
        "missing_fields": missing,
    }


@login_required
def structure_aids(request, pk):
    structure = get_for_view(
        Structure.objects.select_related("commune").prefetch_related("situations"),
        request.user,
        pk=pk,
    )
    include_closed = request.GET.get("fermees") == "1"
    needs_form = NeedsForm(request.GET, latest_needs(structure))
    results = evaluate_and_rank(
        profile_of(structure),
        candidate_aids(include_closed),
        timezone.localdate(),
        include_closed,
        needs_form.chosen(),
    )
    context = {
        "structure": structure,
        "include_closed": include_closed,
        "needs_form": needs_form,
        **grouped(results),
    }
    return render(request, "eligibility/structure_aids.html", context)


def simulation(request):
    form = SimulationForm(request.GET if request.GET else None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        include_closed = form.cleaned_data["include_closed"]
        results = evaluate_and_rank(
            form.profile(),
            candidate_aids(include_closed),
            timezone.localdate(),
            include_closed,
            frozenset(form.cleaned_data["needs"]),
        )
        context.update(grouped(results), simulated=True)
    return render(request, "eligibility/simulation.html", context)


def targeted_structures(request, aid):
    """Structures eligible to the aid, within the territory the provider covers."""
    structures = eligible_structures(criteria_of(aid), timezone.localdate())
    if not request.user.is_platform_admin:
        structures = structures.filter(scope_for(request.user, Role.PROVIDER).as_q())
    return structures


def aid_for_provider(request, slug):
    return get_for_change(
        Aid.objects.prefetch_related("sectors", "regions", "departments", "epcis", "communes"),
        request.user,
        slug=slug,
    )


@login_required
def eligible_structures_page(request, slug):
    aid = aid_for_provider(request, slug)
    structures = targeted_structures(request, aid)

    figures = counts_by_place_and_sector(structures)
    # Labels, not codes: "Santé, médico-social" rather than "health_social".
    for row in figures["by_sector"]:
        row["sector"] = SECTORS.get(row["sector"], row["sector"])
    context = {"aid": aid, **figures}
    return render(request, "eligibility/eligible_structures.html", context)


def blank_if_none(value):
    """0 ETP is a fact ("0"), not a blank cell."""
    return "" if value is None else value


@login_required
def eligible_structures_csv(request, slug):
    aid = aid_for_provider(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="structures-eligibles-{aid.slug}.csv"'
    response.write("\ufeff")  # lets spreadsheet software read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        ["SIRET", "Nom", "Forme juridique", "Secteur", "Commune", "Département", "Région", "ETP",
         "Budget annuel (€)"]
    )  # fmt: skip
    rows = (
        targeted_structures(request, aid)
        .select_related("commune", "department", "region")
        .order_by("department_id", "name")
    )
    for s in rows.iterator(chunk_size=2000):
        writer.writerow(
            [s.siret or "", s.name, s.get_legal_form_display(), s.get_sector_display(),
             s.commune.name if s.commune else "", s.department_id or "",
             s.region.name if s.region else "", blank_if_none(s.employees_fte),
             blank_if_none(s.annual_budget_eur)]
        )  # fmt: skip
    return response
