from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from aidess.aids.models import Aid
from aidess.aids.permissions import aids_visible_to
from aidess.core.exports import SafeWriter
from aidess.diagnosis.needs import latest_needs
from aidess.eligibility.catalog import evaluate_and_rank_catalog
from aidess.eligibility.engine import AidVerdict
from aidess.eligibility.forms import NeedsForm, SimulationForm
from aidess.eligibility.models import criteria_of
from aidess.eligibility.permissions import aid_for_targeting, targets_visible_to
from aidess.eligibility.profiles import profile_of
from aidess.eligibility.service import evaluate_aids
from aidess.eligibility.targeting import counts_by_place_and_sector, eligible_structures
from aidess.nomenclatures.vocabulary import SECTORS
from aidess.structures.permissions import structures_visible_to

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


# Near misses shown before "show them all": on a large catalog a structure misses thousands of
# aids by one criterion (mostly their territory), a page of megabytes nobody reads to the end.
NEAR_MISSES_SHOWN = 50
ALL_NEAR_MISSES = ("presque", "tous")


def grouped(results, request):
    """The three lists a structure reads: eligible, to confirm, near misses (the best ranked
    `NEAR_MISSES_SHOWN` unless all are asked for). One pass; results share their Evaluation
    (evaluator.Catalog), whose near miss is read once."""
    eligible, to_confirm, near_misses, near = [], [], [], {}
    for item in results:
        evaluation = item.evaluation
        if evaluation.verdict == AidVerdict.ELIGIBLE:
            eligible.append(item)
        elif evaluation.verdict == AidVerdict.TO_CONFIRM:
            to_confirm.append(item)
        else:
            miss = near.get(id(evaluation))
            if miss is None:
                miss = near[id(evaluation)] = evaluation.near_miss
            if miss:
                near_misses.append(item)
    missing = sorted(
        {
            PROFILE_FIELD_LABELS.get(c.missing, c.missing)
            for item in to_confirm
            for c in item.evaluation.unknown
        }
    )
    return {
        # In rank order; pages fold the generic aids (nothing speaks to the structure).
        "eligible": eligible,
        "eligible_specific": [r for r in eligible if not r.generic],
        "eligible_generic": [r for r in eligible if r.generic],
        "to_confirm": to_confirm,
        "to_confirm_specific": [r for r in to_confirm if not r.generic],
        "to_confirm_generic": [r for r in to_confirm if r.generic],
        "near_misses": near_misses,
        "near_misses_shown": (
            near_misses if shows_all_near_misses(request) else near_misses[:NEAR_MISSES_SHOWN]
        ),
        "all_near_misses_url": all_near_misses_url(request),
        "missing_fields": missing,
    }


def shows_all_near_misses(request):
    name, value = ALL_NEAR_MISSES
    return request.GET.get(name) == value


def all_near_misses_url(request):
    """This page with every near miss."""
    query = request.GET.copy()
    query[ALL_NEAR_MISSES[0]] = ALL_NEAR_MISSES[1]
    return f"?{query.urlencode()}"


@login_required
def structure_aids(request, pk):
    structures = structures_visible_to(request.user).select_related("commune")
    structure = get_object_or_404(structures.prefetch_related("situations"), pk=pk)
    include_closed = request.GET.get("fermees") == "1"
    needs_form = NeedsForm(request.GET, latest_needs(structure, request.user))
    results = evaluate_and_rank_catalog(
        profile_of(structure),
        timezone.localdate(),
        include_closed,
        needs_form.chosen(),
    )
    context = {
        "structure": structure,
        "include_closed": include_closed,
        "needs_form": needs_form,
        **grouped(results, request),
    }
    return render(request, "eligibility/structure_aids.html", context)


def aid_to_check(request):
    """The aid whose "Vérifier mon éligibilité" link led here, if the person may see it."""
    slug = request.GET.get("aid", "")
    if not slug:
        return None
    aid = (
        aids_visible_to(request.user)
        .select_related("criteria")
        .prefetch_related("sectors", "regions", "departments", "epcis", "communes")
        .filter(slug=slug)
        .first()
    )
    if aid is None:
        messages.warning(
            request, "L'aide demandée est introuvable : la simulation porte sur toutes les aides."
        )
    return aid


def simulation(request):
    aid = aid_to_check(request)
    # Coming from an aid page, nothing is answered yet: the questions, not a verdict.
    answered = any(key != "aid" for key in request.GET)
    form = SimulationForm(request.GET if answered else None, initial={"aid": aid and aid.slug})
    context = {"form": form, "checked_aid": aid}
    if form.is_bound and form.is_valid():
        include_closed = form.cleaned_data["include_closed"]
        today, profile = timezone.localdate(), form.profile()
        results = evaluate_and_rank_catalog(
            profile,
            today,
            include_closed,
            frozenset(form.cleaned_data["needs"]),
        )
        context.update(grouped(results, request), simulated=True)
        if aid is not None:
            context["checked"] = evaluate_aids(profile, [aid], today, include_closed=True)[0]
    return render(request, "eligibility/simulation.html", context)


def targeted_structures(request, aid):
    """Structures eligible to the aid, within the territory the provider covers."""
    return targets_visible_to(
        request.user, eligible_structures(criteria_of(aid), timezone.localdate())
    )


def aid_for_provider(request, slug):
    aids = Aid.objects.prefetch_related("sectors", "regions", "departments", "epcis", "communes")
    return aid_for_targeting(request.user, slug, aids)


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
    writer = SafeWriter(response, delimiter=";")
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
