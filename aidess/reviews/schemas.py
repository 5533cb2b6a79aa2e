"""The impact review's API shapes (the JSON `impact_review --format json` prints)."""

from ninja import Field, Schema

from aidess.instruction.schemas import DatabaseId, Day


class ReviewQuery(Schema):
    aid: str | None = Field(
        None, min_length=1, max_length=120, description="Identifiant (slug) de l'aide"
    )
    plan: DatabaseId | None = Field(
        None, description="Identifiant du plan d'urgence (au lieu de `aid`)"
    )
    start: Day | None = Field(
        None, alias="from", description="Décisions prises à partir de ce jour (inclus)"
    )
    end: Day | None = Field(
        None, alias="to", description="Décisions prises jusqu'à ce jour (inclus)"
    )


class SectorLine(Schema):
    sector: str = Field(
        ..., description="Secteur (vocabulaire de l'API d'éligibilité ; vide : inconnu)"
    )
    structures: int
    fte: str = Field(..., description="ETP préservés, décimal à 2 chiffres")
    share: float = Field(..., ge=0, le=1, description="Part des structures aidées (4 décimales)")


class RegionLine(Schema):
    region: str = Field(..., description="Code COG de la région (vide : inconnue)")
    structures: int
    fte: str


class ImpactReview(Schema):
    plan: int | None = Field(None, description="Le plan d'urgence (bilan d'un plan seulement)")
    aid: str = Field(..., description="L'aide, ou les aides du plan séparées par des virgules")
    structures: int = Field(..., description="Structures aidées (une décision accordée au moins)")
    fte: str = Field(..., description="ETP préservés à la date des décisions, 2 décimales")
    amount_eur: str = Field(..., description="Montant accordé (€), 2 décimales")
    by_sector: list[SectorLine]
    by_region: list[RegionLine]
