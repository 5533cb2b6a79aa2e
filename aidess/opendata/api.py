"""Open data, for anyone (no account): GET /api/v1/open-data/scdl-subventions.csv, the granted
subsidies in the SCDL « Subventions » format v2.1.1, streamed as it is read; GET
/api/v1/open-data/data-inclusion/structures.json and services.json, the support organisations
and their offers as data·inclusion v1 structures and services (`data_inclusion.py`)."""

import datetime
from typing import Annotated

from django.http import StreamingHttpResponse
from ninja import Query, Router

from aidess.aids.models import Aid
from aidess.core.api import ApiError, errors
from aidess.opendata import data_inclusion, scdl
from aidess.opendata.schemas import DataInclusionService, DataInclusionStructure

router = Router(tags=["Données ouvertes"])

AidSlug = Annotated[
    str | None, Query(description="Identifiant d'une aide (ex. dla) : ses seules subventions.")
]
DecidedFrom = Annotated[
    datetime.date | None,
    Query(alias="from", description="Décidées à partir de ce jour (AAAA-MM-JJ, inclus)."),
]
DecidedTo = Annotated[
    datetime.date | None,
    Query(alias="to", description="Décidées jusqu'à ce jour (AAAA-MM-JJ, inclus)."),
]
CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "Réponse",
            "content": {
                "text/csv": {
                    "schema": {"type": "string"},
                    "example": ",".join(scdl.FIELDS) + "\r\n",
                }
            },
        }
    }
}


@router.get(
    "/open-data/scdl-subventions.csv",
    response=errors(400, 404),
    summary="Subventions attribuées (SCDL Subventions 2.1.1, CSV)",
    description=(
        "Sans compte. Les subventions accordées par les porteurs d'aides sur AidESS, au format "
        "du Socle Commun des Données Locales « Subventions » v2.1.1 (CSV UTF-8, virgule, une "
        "ligne par bénéficiaire, décisions les plus anciennes d'abord) ; `dispositifAide` est "
        "le nom de l'aide. Ne figurent que les décisions publiables selon le schéma : porteur "
        "avec un SIRET valide, structure avec un SIRET ou un numéro RNA. Le fichier est envoyé "
        "au fil de la lecture."
    ),
    operation_id="scdlSubventions",
    url_name="scdl_subventions",
    openapi_extra=CSV_RESPONSE,
)
def scdl_subventions(
    request, aid: AidSlug = None, decided_from: DecidedFrom = None, decided_to: DecidedTo = None
):
    chosen = None
    if aid:
        chosen = Aid.objects.filter(slug=aid).first()
        if chosen is None:
            raise ApiError(404, f"Aucune aide n'a l'identifiant « {aid} ».")
    if decided_from and decided_to and decided_from > decided_to:
        raise ApiError(
            400, "Paramètres invalides.", {"to": "Cette date doit suivre la date de début."}
        )
    applications = scdl.granted(chosen, decided_from, decided_to)
    response = StreamingHttpResponse(
        (piece.encode() for piece in scdl.csv_chunks(applications)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="subventions-aidess.csv"'
    return response


DATA_INCLUSION = (
    "Sans compte. Au format data·inclusion v1 (schéma de l'offre d'insertion du GIP Plateforme "
    "de l'inclusion), pour le référencement des acteurs de l'accompagnement. "
)


@router.get(
    "/open-data/data-inclusion/structures.json",
    response={200: list[DataInclusionStructure]},
    summary="Organisations d'accompagnement (data·inclusion v1, structures)",
    description=DATA_INCLUSION
    + "Les organisations d'accompagnement actives qui publient au moins une offre (DLA, France "
    "Active, SOS Employeurs ESS, Guid'Asso, Médiateur des entreprises…), une par élément.",
    operation_id="dataInclusionStructures",
    url_name="data_inclusion_structures",
)
def data_inclusion_structures(request):
    return data_inclusion.structures()


@router.get(
    "/open-data/data-inclusion/services.json",
    response={200: list[DataInclusionService]},
    summary="Offres d'accompagnement (data·inclusion v1, services)",
    description=DATA_INCLUSION
    + "Une offre active par élément : le dispositif, les besoins traduits en thématiques, la "
    "zone d'éligibilité (codes COG), les conditions et le lien pour demander un accompagnement.",
    operation_id="dataInclusionServices",
    url_name="data_inclusion_services",
)
def data_inclusion_services(request):
    return data_inclusion.services(request.build_absolute_uri)
