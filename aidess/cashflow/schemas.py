"""A cash-flow plan sent to the API, read into the arithmetic's Plan with a French message at each
bad place ("receipts[0].amounts[2]"); the figures it gets back; a structure's saved plans."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import (
    BaseModel,
    Field,
    PlainValidator,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)

from aidess.cashflow.arithmetic import MAX_AMOUNT, MAX_MONTHS, Line, Plan, parse_amount
from aidess.core.api import Input, invalid, refuse
from aidess.core.dates import out_of_range

LINE_SHAPE = "Chaque ligne a un libellé (label) et une liste de montants (amounts)."
LABEL_LENGTH = 120


def amount(allow_negative=False):
    """Euros with at most 2 decimals, as text or number, below MAX_AMOUNT (the database's 14
    digits): `arithmetic.parse_amount` says what is wrong in French."""

    def check(value):
        errors = {}
        parsed = parse_amount(value, "amount", errors, allow_negative=allow_negative)
        if errors:
            raise refuse(errors["amount"])
        return parsed

    sign = "-?" if allow_negative else ""
    bounds = {"exclusiveMaximum": float(MAX_AMOUNT)}
    bounds["exclusiveMinimum" if allow_negative else "minimum"] = (
        -float(MAX_AMOUNT) if allow_negative else 0
    )
    schema = {
        "oneOf": [
            {"type": "string", "pattern": rf"^{sign}\d{{1,12}}(\.\d{{1,2}})?$"},
            {"type": "number", "multipleOf": 0.01, **bounds},
        ],
        "description": "Montant en euros, au plus 2 décimales (texte ou nombre).",
    }
    return Annotated[Decimal, PlainValidator(check), WithJsonSchema(schema)]


def first_month(value, handler):
    text = str(value or "")
    parts = text.split("-")
    digits = len(parts) == 2 and all(part.isdigit() for part in parts) and len(parts[0]) == 4
    if not (digits and 1 <= int(parts[1]) <= 12):
        raise refuse(f"Mois de départ « {text} » invalide (format AAAA-MM, ex. 2026-01).")
    bounds = out_of_range(int(parts[0]))
    if bounds:
        raise refuse(f"Mois de départ « {text} » hors limites. {bounds}")
    return handler(text)


def line_list(value, handler):
    if not isinstance(value, list):
        raise refuse("Liste de lignes attendue.")
    return handler(value)


class LineIn(BaseModel):
    label: str = Field("", description="Libellé ; « Ligne n » si vide.")
    amounts: list[amount()] = Field(
        json_schema_extra={"minItems": 1, "maxItems": MAX_MONTHS},
        description="Un montant par mois, positif : le sens vient de la liste (receipts ou "
        "expenses).",
    )

    @model_validator(mode="before")
    @classmethod
    def has_amounts(cls, data):
        if not isinstance(data, dict) or not isinstance(data.get("amounts"), list):
            raise refuse(LINE_SHAPE)
        return data


Lines = Annotated[list[LineIn], WrapValidator(line_list)]


class CashflowPlan(Input):
    """A plan to compute: its months, opening balance and lines."""

    about = "Seul `start` est obligatoire ; toutes les lignes ont le même nombre de mois (1 à 24)."

    invalid = "Plan invalide."
    not_an_object = "Objet JSON attendu."

    start: Annotated[
        str,
        Field(pattern=r"^\d{4}-\d{2}$", description="Premier mois, AAAA-MM, de 2000-01 à 2100-12."),
        WrapValidator(first_month),
    ]
    opening_balance: amount(allow_negative=True) = Decimal("0.00")
    receipts: Lines = []
    expenses: Lines = []

    @model_validator(mode="after")
    def same_months(self):
        lengths = {len(line.amounts) for line in self.receipts + self.expenses}
        if len(lengths) > 1:
            raise invalid("Toutes les lignes doivent avoir le même nombre de mois.", ["amounts"])
        if not lengths or lengths == {0}:
            raise invalid("Le plan compte au moins un mois et une ligne.", ["amounts"])
        if max(lengths) > MAX_MONTHS:
            raise invalid(f"Le plan compte au plus {MAX_MONTHS} mois.", ["amounts"])
        return self

    def to_plan(self):
        year, month = (int(part) for part in self.start.split("-"))

        def lines(items):
            return tuple(
                Line(
                    (item.label.strip() or f"Ligne {index + 1}")[:LABEL_LENGTH], tuple(item.amounts)
                )
                for index, item in enumerate(items)
            )

        return Plan(year, month, self.opening_balance, lines(self.receipts), lines(self.expenses))


Money = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$")]


class Month(Schema):
    month: str = Field(description="AAAA-MM")
    receipts: Money
    expenses: Money
    net: Money
    closing_balance: Money


class CashflowResult(Schema):
    months: list[Month]
    lowest_balance: Money
    lowest_month: str
    financing_need: Money = Field(
        description="Somme à recevoir avant le premier mois pour que chaque solde reste ≥ 0."
    )


class SavedLine(Schema):
    kind: Literal["receipt", "expense"]
    label: str
    amounts: list[Money]


class SavedPlan(CashflowResult):
    id: int
    title: str
    start: str = Field(description="Premier mois, AAAA-MM.")
    opening_balance: Money
    lines: list[SavedLine]
    updated_at: datetime.datetime


class SavedPlans(Schema):
    structure: int
    plans: list[SavedPlan]
