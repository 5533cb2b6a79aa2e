"""Read-only JSON API of the catalog: GET /api/v1/aids and /api/v1/aids/{slug}, no account."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Path, Router

from aidess.aids.permissions import aids_visible_to
from aidess.aids.schemas import Aid as AidSchema
from aidess.aids.schemas import AidList, search_parameters
from aidess.aids.search import PAGE_SIZE, AidSearchForm, check_known_filters, search_aids
from aidess.core.api import ApiError, errors

router = Router(tags=["Aides"])
Slug = Annotated[str, Path(description="Identifiant de l'aide, ex. dla.")]


def money(value):
    return None if value is None else f"{value:.2f}"


def summary(aid, request):
    return {
        "slug": aid.slug,
        "name": aid.name,
        "short_description": aid.short_description,
        "kind": aid.kind,
        "providers": aid.provider_list,
        "closing_date": aid.closing_date,
        "status": aid.status,
        "url": request.build_absolute_uri(aid.get_absolute_url()),
    }


@router.get(
    "/aids",
    response={200: AidList, **errors(400, 404)},
    summary="Rechercher des aides",
    description="Sans compte. Mêmes filtres et mêmes messages que la page de recherche.",
    operation_id="listAids",
    url_name="aid_list",
    openapi_extra={"parameters": search_parameters()},
)
def aid_list(request):
    try:
        check_known_filters(request.GET)
    except ValidationError as error:
        raise ApiError(400, error.messages[0]) from None
    form = AidSearchForm(request.GET, api=True)
    if not form.is_valid():
        details = {
            field: messages[0]["message"] for field, messages in form.errors.get_json_data().items()
        }
        raise ApiError(400, "Paramètres invalides.", details)
    search = search_aids(form.cleaned_data, timezone.localdate())
    number = form.cleaned_data.get("page") or 1
    paginator, page = search.page(number, past_the_end="none")
    if page is None:
        raise ApiError(
            404, f"La page {number} n'existe pas (dernière page : {paginator.num_pages})."
        )
    return {
        "count": paginator.count,
        "page": page.number,
        "page_size": PAGE_SIZE,
        "num_pages": paginator.num_pages,
        "notice": search.notice or None,
        "results": [summary(aid, request) for aid in page],
    }


@router.get(
    "/aids/{slug}",
    response={200: AidSchema, **errors(404)},
    summary="Une aide",
    description="Sans compte.",
    operation_id="getAid",
    url_name="aid_detail",
)
def aid_detail(request, slug: Slug):
    aid = (
        aids_visible_to(request.user)
        .prefetch_related(
            "providers", "co_funders", "regions", "departments", "epcis", "communes", "sectors"
        )
        .filter(slug=slug)
        .first()
    )
    if aid is None:
        raise ApiError(404, f"Aucune aide publiée n'a l'identifiant « {slug} ».")
    return {
        **summary(aid, request),
        "description": aid.description,
        "co_funders": [funder.name for funder in aid.co_funders.all()],
        "amount": {
            "kind": aid.amount_kind,
            "min_eur": money(aid.amount_min_eur),
            "max_eur": money(aid.amount_max_eur),
            "rate_percent": money(aid.rate_percent),
            "note": aid.amount_note,
        },
        "territory": {
            "national": aid.is_national,
            "regions": [region.code for region in aid.regions.all()],
            "departments": [department.code for department in aid.departments.all()],
            "epcis": [epci.siren for epci in aid.epcis.all()],
            "communes": [commune.code for commune in aid.communes.all()],
        },
        "sectors": [sector.sector for sector in aid.sectors.all()],
        "opening_date": aid.opening_date,
        "recurrence": aid.recurrence,
        "is_call_for_projects": aid.is_call_for_projects,
        "is_open": aid.is_open(),
        "apply": {"in_aidess": aid.apply_in_aidess, "url": aid.application_url or None},
        "contact": aid.contact,
        "contact_url": aid.contact_url or None,
        "source": aid.source,
        "source_url": aid.source_url or None,
        "provenance": aid.provenance,
        "updated_at": aid.updated_at,
        "version": aid.version,
    }
