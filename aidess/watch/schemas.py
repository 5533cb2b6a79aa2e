"""`POST /api/v1/watch/risk`: what a caller knows of a structure, each bad field refused with a
French message; the level and its factors it gets back."""

from decimal import Decimal
from typing import Annotated, Literal

import pydantic
from ninja import Schema
from pydantic import Field, PlainValidator, WithJsonSchema, WrapValidator

from aidess.core.api import Input, refuse
from aidess.nomenclatures.vocabulary import SITUATIONS
from aidess.watch import risk

MAX_MONTHS = 1200  # a hundred years: more says nothing more, and keeps the sentences short
PRECISION = Decimal("0.0001")


def number(maximum, out_of_range):
    """A JSON number (or null) between 0 and `maximum`, read as a Decimal rounded to 4
    decimals: the sentences show what the rules compared."""

    def check(value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise refuse("Valeur attendue : un nombre (ou null si inconnu).")
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise refuse(f"« {value} » n'est pas un nombre.")
        if not 0 <= amount <= maximum:
            raise refuse(out_of_range)
        return amount.quantize(PRECISION)

    schema = {"type": ["number", "null"], "minimum": 0, "maximum": maximum}
    return Annotated[Decimal | None, PlainValidator(check), WithJsonSchema(schema)]


def nullable_one_of(values, what):
    """One of `values` or null, else a French message naming them."""

    def check(value, handler):
        try:
            return handler(value)
        except pydantic.ValidationError:
            raise refuse(
                f"{what} inconnue « {value} ». Valeurs possibles : {', '.join(values)} "
                "(ou null si inconnue)."
            ) from None

    return Annotated[Literal[tuple(values)] | None, WrapValidator(check)]


def known_situations(value, handler):
    if not isinstance(value, list):
        raise refuse("Valeur attendue : une liste de codes de situation.")
    unknown = [item for item in value if not isinstance(item, str) or item not in SITUATIONS]
    if unknown:
        raise refuse(
            f"Situation inconnue : {', '.join(map(str, unknown))}. "
            f"Valeurs possibles : {', '.join(SITUATIONS)}."
        )
    return handler(value)


Months = number(MAX_MONTHS, f"Le nombre de mois est compris entre 0 et {MAX_MONTHS}.")


class RiskQuery(Input):
    about = (
        "Ce que l'on sait d'une structure. Un champ absent ou null est « inconnu » : il ne "
        "déclenche aucun facteur. Une liste de situations vide veut dire « aucune déclarée »."
    )
    invalid = "Données invalides : le niveau de risque n'a pas été calculé."
    not_an_object = "Le corps de la requête doit être un objet JSON."

    cash_runway_months: Annotated[
        Months,
        Field(description="Mois avant que le solde de trésorerie passe sous zéro."),
    ] = None
    public_funding_share: Annotated[
        number(
            1,
            "La part des financements publics est comprise entre 0 et 1 (ex. 0.45 pour 45 %).",
        ),
        Field(description="Part des financements publics dans les ressources, entre 0 et 1."),
    ] = None
    situations: Annotated[
        list[Literal[tuple(SITUATIONS)]],
        Field(description="Situations déclarées (vocabulaire des situations d'AidESS)."),
        WrapValidator(known_situations),
    ] = None
    social_debt_months: Annotated[
        Months, Field(description="Dettes sociales ou fiscales, en mois de cotisations.")
    ] = None
    collective_procedure: nullable_one_of(risk.PROCEDURES, "Procédure collective") = None
    diagnosis_severity: Annotated[
        nullable_one_of(risk.SEVERITIES, "Gravité"),
        Field(description="Gravité du dernier autodiagnostic."),
    ] = None

    def to_inputs(self):
        return risk.RiskInputs(
            cash_runway_months=self.cash_runway_months,
            public_funding_share=self.public_funding_share,
            situations=frozenset(self.situations) if self.situations is not None else None,
            social_debt_months=self.social_debt_months,
            collective_procedure=self.collective_procedure,
            diagnosis_severity=self.diagnosis_severity,
        )


class Factor(Schema):
    code: str
    effect: Literal["concerning", "reassuring"] = Field(
        description="concerning : préoccupant ; reassuring : rassurant."
    )
    weight: Literal["critical", "high", "medium", "low"] = Field(
        description="Poids d'un facteur préoccupant ; low pour tout facteur rassurant."
    )
    reason: str = Field(description="La règle appliquée, en français, avec le chiffre lu.")


class Risk(Schema):
    level: Literal["red", "orange", "green", "unknown", "closed"] = Field(
        description="red : un facteur critique ou deux élevés ; orange : un élevé ou deux "
        "moyens ; green : autrement, quand quelque chose est connu ; unknown : rien n'est "
        "connu ; closed : liquidation judiciaire (la structure est fermée)."
    )
    factors: list[Factor]
