"""The preview of a request for help: the eligibility profile plus the needs, and the
organisations it would go to."""

from typing import Literal

from ninja import Schema
from pydantic import Field

from aidess.eligibility.schemas import Profile


class PreviewProfile(Profile):
    about = (
        "Le profil de l'API d'éligibilité (mêmes champs, mêmes messages) et les besoins "
        "(`needs`) de la structure. Chaque champ est facultatif ; sans besoin, toute offre "
        "dont la zone et les conditions conviennent est retenue."
    )


class RecipientZone(Schema):
    kind: Literal["commune", "epci", "department", "region", "national"]
    code: str | None = Field(
        description="Code COG (SIREN pour un EPCI) de la zone où se trouve la structure ; "
        "null pour une offre nationale."
    )


class PreviewRecipient(Schema):
    organization: str = Field(description="Nom de l'organisme d'accompagnement.")
    scheme: str = Field(description="Identifiant (slug) du dispositif dans le catalogue.")
    territory: RecipientZone
    selected: bool = Field(
        description="Parmi les deux ou trois organismes à qui la demande part par défaut."
    )
    reason: str = Field(description="Pourquoi cet organisme, en une phrase.")


class Preview(Schema):
    recipients: list[PreviewRecipient] = Field(
        description="Dans l'ordre où ils seraient contactés : zone la plus proche d'abord."
    )
