"""`POST /api/v1/watch/alerts`: an alert sent by a watch cell's software, each bad field
refused in French; the alert's id and state it gets back."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, PlainValidator, WithJsonSchema, WrapValidator

from aidess.core.api import Input, one_of, refuse
from aidess.core.dates import out_of_range
from aidess.watch.enums import AlertCause, AlertStatus, Urgency
from aidess.watch.intake.common import MAX_AMOUNT, MAX_FTE, Refused, clean_siret, decimal_of


def siret_field(value, handler):
    if not isinstance(value, str):
        raise refuse("Valeur attendue : le SIRET en texte (14 chiffres).")
    try:
        return handler(clean_siret(value))
    except Refused as refusal:
        raise refuse(refusal.message) from None


def number(what, maximum, places, pattern):
    def check(value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise refuse(f"{what} : nombre attendu.")
        try:
            return decimal_of(str(value), what, maximum, places)
        except Refused as refusal:
            raise refuse(refusal.message) from None

    schema = {
        "oneOf": [
            {"type": "string", "pattern": pattern},
            {"type": "number", "minimum": 0, "exclusiveMaximum": float(maximum)},
        ]
    }
    return Annotated[Decimal | None, PlainValidator(check), WithJsonSchema(schema)]


def iso_date(value, handler):
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise refuse("Date attendue au format AAAA-MM-JJ.")
    bounds = out_of_range(day.year)
    if bounds:
        raise refuse(bounds)
    return handler(day)


def plain_text(value, handler):
    text = handler(value)
    if "\x00" in text:
        raise refuse("Caractère nul refusé.")
    try:
        text.encode()
    except UnicodeEncodeError:
        raise refuse("Texte invalide : caractères hors UTF-8.") from None
    return text


Text = Annotated[str, WrapValidator(plain_text)]


class AlertIn(Input):
    about = (
        "Un signalement sur une structure (par son SIRET ; une structure inconnue d'AidESS est "
        "créée depuis le répertoire Sirene). Renvoyer le même external_id ne crée rien de plus."
    )
    invalid = "Signalement invalide : rien n'a été enregistré."
    not_an_object = "Le corps de la requête doit être un objet JSON."

    siret: Annotated[str, WrapValidator(siret_field)] = Field(
        description="SIRET de la structure (14 chiffres, espaces admis).",
        json_schema_extra={"pattern": r"^[0-9 ]{14,20}$"},
    )
    cause: one_of(AlertCause.values) = Field(
        description="Cause : " + " ; ".join(f"{c.value} ({c.label})" for c in AlertCause) + "."
    )
    amount: number("Montant", MAX_AMOUNT, 2, r"^\d{1,12}(\.\d{1,2})?$") = Field(
        None, description="Montant en jeu, en euros (2 décimales au plus)."
    )
    jobs: number("Emplois menacés", MAX_FTE, 1, r"^\d{1,5}(\.\d)?$") = Field(
        None, description="Emplois menacés, en ETP (1 décimale au plus)."
    )
    cash_runs_out_on: Annotated[datetime.date | None, WrapValidator(iso_date)] = Field(
        None, description="Date où la trésorerie sera épuisée, si elle est connue (AAAA-MM-JJ)."
    )
    urgency: one_of(Urgency.values) = Field(
        Urgency.MEDIUM.value,
        description="Urgence : " + " ; ".join(f"{u.value} ({u.label})" for u in Urgency) + ".",
    )
    description: Text = Field("", max_length=10000, description="Texte libre.")
    confidential: bool = Field(
        False, description="Confidentiel : lu seulement par les membres de la cellule."
    )
    external_id: Text = Field(
        "",
        max_length=100,
        description="Votre identifiant du signalement : un second envoi avec le même "
        "identifiant renvoie le signalement déjà créé (200).",
    )


class AlertFiled(Schema):
    id: int = Field(description="Numéro du signalement.")
    status: Literal[tuple(AlertStatus.values)] = Field(
        description="État : " + " ; ".join(f"{s.value} ({s.label})" for s in AlertStatus) + "."
    )
    structure_id: int
    cell: str = Field(description="La cellule qui le traite (celle de la région de la structure).")
