"""The data·inclusion v1 structure and service as the OpenAPI document shows them: the fields
the export fills, their vocabularies read from the copied schemas (`schema/data-inclusion/`), so
that the document and the official enumerations cannot drift apart."""

import datetime
import json
from pathlib import Path
from typing import Literal

from ninja import Schema
from pydantic import Field

SCHEMA_DIR = Path(__file__).resolve().parent / "schema" / "data-inclusion"
STRUCTURE_SCHEMA_PATH = SCHEMA_DIR / "structure.json"
SERVICE_SCHEMA_PATH = SCHEMA_DIR / "service.json"


def vocabulary(path, name):
    return tuple(json.loads(path.read_text(encoding="utf-8"))["$defs"][name]["enum"])


Thematique = Literal[vocabulary(SERVICE_SCHEMA_PATH, "Thematique")]
TypeService = Literal[vocabulary(SERVICE_SCHEMA_PATH, "TypeService")]
Frais = Literal[vocabulary(SERVICE_SCHEMA_PATH, "Frais")]
Public = Literal[vocabulary(SERVICE_SCHEMA_PATH, "Public")]
ModeMobilisation = Literal[vocabulary(SERVICE_SCHEMA_PATH, "ModeMobilisation")]
PersonneMobilisatrice = Literal[vocabulary(SERVICE_SCHEMA_PATH, "PersonneMobilisatrice")]
ReseauPorteur = Literal[vocabulary(STRUCTURE_SCHEMA_PATH, "ReseauPorteur")]


class DataInclusionStructure(Schema):
    source: str = Field(description="Producteur : « aidess ».")
    id: str = Field(description="« aidess--organisation-<id> ».")
    nom: str = Field(min_length=3, max_length=150)
    date_maj: datetime.date = Field(description="Dernière modification de ses offres.")
    siret: str | None = Field(description="14 chiffres, quand l'organisation l'a renseigné.")
    description: str | None
    reseaux_porteurs: list[ReseauPorteur] | None
    site_web: str | None
    courriel: str | None
    telephone: str | None


class DataInclusionService(Schema):
    source: str = Field(description="Producteur : « aidess ».")
    id: str = Field(description="« aidess--offre-<id> » : une offre d'accompagnement.")
    structure_id: str = Field(description="L'organisation qui la propose.")
    nom: str = Field(min_length=3, max_length=150, description="Le dispositif.")
    description: str = Field(min_length=5, max_length=10000)
    date_maj: datetime.date
    type: TypeService | None
    thematiques: list[Thematique] | None
    frais: Frais | None
    frais_precisions: str | None
    publics: list[Public] | None = Field(
        description="Vide : ces services s'adressent à des structures, voir publics_precisions."
    )
    publics_precisions: str | None
    conditions_acces: str | None
    zone_eligibilite: list[str] | None = Field(
        description="Codes COG des communes et départements, SIREN des EPCI ; une région est "
        "donnée par ses départements ; « france » pour une offre nationale."
    )
    modes_mobilisation: list[ModeMobilisation] | None
    mobilisable_par: list[PersonneMobilisatrice] | None
    mobilisation_precisions: str | None
    lien_mobilisation: str | None
    lien_source: str | None
    courriel: str | None
    telephone: str | None
