"""The catalog API's answers, and its query parameters documented from the search form that
validates them (the page and the API accept exactly the same filters)."""

import datetime
from typing import Annotated, Literal

from django import forms
from ninja import Schema
from pydantic import Field

from aidess.aids.enums import AidKind, AidSource, AidStatus, AmountKind, Recurrence
from aidess.aids.search import AidSearchForm


def vocabulary(choices):
    return Literal[tuple(value for value, _ in choices if value)]


Url = Annotated[str, Field(json_schema_extra={"format": "uri"})]
Money = Annotated[str, Field(pattern=r"^\d+\.\d{2}$")]


class AidSummary(Schema):
    slug: str
    name: str
    short_description: str
    kind: vocabulary(AidKind.choices)
    providers: list[str]
    closing_date: datetime.date | None
    status: vocabulary(AidStatus.choices)
    url: Url


class Amount(Schema):
    kind: vocabulary(AmountKind.choices)
    min_eur: Money | None
    max_eur: Money | None
    rate_percent: Money | None
    note: str


class Territory(Schema):
    national: bool
    regions: list[str]
    departments: list[str]
    epcis: list[str]
    communes: list[str]


class Apply(Schema):
    in_aidess: bool
    url: str | None


class Aid(AidSummary):
    description: str
    co_funders: list[str]
    amount: Amount
    territory: Territory
    sectors: list[str]
    opening_date: datetime.date | None
    recurrence: vocabulary(Recurrence.choices)
    is_call_for_projects: bool
    is_open: bool
    apply: Apply
    contact: str
    contact_url: str | None
    source: vocabulary(AidSource.choices)
    source_url: str | None
    provenance: str
    updated_at: datetime.datetime
    version: int = Field(description="Version de l'aide : change à chaque enregistrement.")


class AidList(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    notice: str | None
    results: list[AidSummary]


PARAMETER_DESCRIPTIONS = {
    "q": "Texte libre, en français : accents, majuscules et flexions ignorés.",
    "kind": "Nature de l'aide (répétable).",
    "provider": "Identifiant de l'organisation porteuse.",
    "commune": "Code INSEE (ou nom, ou « Nom (code INSEE) ») de la commune de la structure : "
    "aides nationales et de ce territoire (EPCI, département, région compris).",
    "department": "Code INSEE du département.",
    "region": "Code INSEE de la région.",
    "sector": "Secteur de la structure : aides de ce secteur et aides ouvertes à tous.",
    "open_now": "Seulement les aides ouvertes aujourd'hui.",
    "closing_soon": "Seulement les aides qui ferment dans les 30 jours.",
    "include_closed": "Inclure les aides clôturées.",
    "sort": "relevance (défaut) ou closing_date.",
    "page": "Page de résultats (20 par page).",
}


def enum(choices):
    return {"type": "string", "enum": [value for value, _ in choices if value]}


def parameter_schema(field):
    if isinstance(field, forms.MultipleChoiceField):
        return {"type": "array", "items": enum(field.choices)}
    if isinstance(field, forms.ModelChoiceField):
        return {"type": "integer"} if field.to_field_name is None else {"type": "string"}
    if isinstance(field, forms.ChoiceField):
        return enum(field.choices)
    if isinstance(field, forms.IntegerField):
        return {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
    if isinstance(field, forms.BooleanField):
        return {"type": "string", "enum": ["1", "0", "true", "false"]}
    return {"type": "string", "maxLength": field.max_length or 200}


def search_parameters():
    """The search form's fields as OpenAPI query parameters: the form, not Pydantic, validates
    them, with the page's messages."""
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": PARAMETER_DESCRIPTIONS.get(name, str(field.label)),
            "schema": parameter_schema(field),
            **(
                {"style": "form", "explode": True}
                if isinstance(field, forms.MultipleChoiceField)
                else {}
            ),
        }
        for name, field in AidSearchForm.base_fields.items()
    ]
