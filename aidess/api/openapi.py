"""OpenAPI 3.1 description of /api/v1/, built from the forms that validate requests, so that the
documented parameters and vocabularies cannot drift from what the API accepts."""

from django import forms

from aidess.aids.enums import AidKind, AidSource, AidStatus, AmountKind, Recurrence
from aidess.aids.search import AidSearchForm
from aidess.api import openapi_cashflow, openapi_eligibility

ERROR = {"$ref": "#/components/schemas/Error"}
NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_DECIMAL = {"type": ["string", "null"], "pattern": r"^\d+\.\d{2}$"}


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


def search_parameters():
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


AID_SUMMARY = {
    "type": "object",
    "required": ["slug", "name", "short_description", "kind", "providers", "status", "url"],
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "short_description": {"type": "string"},
        "kind": enum(AidKind.choices),
        "providers": {"type": "array", "items": {"type": "string"}},
        "closing_date": NULLABLE_DATE,
        "status": enum(AidStatus.choices),
        "url": {"type": "string", "format": "uri"},
    },
}
AID = {
    "allOf": [
        {"$ref": "#/components/schemas/AidSummary"},
        {
            "type": "object",
            "properties": {
                "description": {"type": "string"},
                "co_funders": {"type": "array", "items": {"type": "string"}},
                "amount": {
                    "type": "object",
                    "properties": {
                        "kind": enum(AmountKind.choices),
                        "min_eur": NULLABLE_DECIMAL,
                        "max_eur": NULLABLE_DECIMAL,
                        "rate_percent": NULLABLE_DECIMAL,
                        "note": {"type": "string"},
                    },
                },
                "territory": {
                    "type": "object",
                    "properties": {
                        "national": {"type": "boolean"},
                        **{
                            key: {"type": "array", "items": {"type": "string"}}
                            for key in ("regions", "departments", "epcis", "communes")
                        },
                    },
                },
                "sectors": {"type": "array", "items": {"type": "string"}},
                "opening_date": NULLABLE_DATE,
                "recurrence": enum(Recurrence.choices),
                "is_call_for_projects": {"type": "boolean"},
                "is_open": {"type": "boolean"},
                "apply": {
                    "type": "object",
                    "properties": {"in_aidess": {"type": "boolean"}, "url": NULLABLE_STRING},
                },
                "contact": {"type": "string"},
                "contact_url": NULLABLE_STRING,
                "source": enum(AidSource.choices),
                "source_url": NULLABLE_STRING,
                "provenance": {"type": "string"},
                "updated_at": {"type": "string", "format": "date-time"},
            },
        },
    ]
}


def json_response(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def build_openapi(server_url):
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API AidESS",
            "version": "1.0.0",
            "description": "Catalogue des aides et de l'accompagnement des structures de l'ESS. "
            "Lecture seule, sans compte. Messages d'erreur en français.",
            "license": {"name": "Licence Ouverte 2.0", "identifier": "etalab-2.0"},
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/aids": {
                "get": {
                    "operationId": "listAids",
                    "summary": "Rechercher des aides",
                    "parameters": search_parameters(),
                    "responses": {
                        "200": json_response(
                            {"$ref": "#/components/schemas/AidList"}, "Aides trouvées"
                        ),
                        "400": json_response(ERROR, "Filtre inconnu ou valeur invalide"),
                        "404": json_response(ERROR, "Page inexistante"),
                    },
                }
            },
            "/aids/{slug}": {
                "get": {
                    "operationId": "getAid",
                    "summary": "Une aide",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": json_response({"$ref": "#/components/schemas/Aid"}, "L'aide"),
                        "404": json_response(ERROR, "Aide inconnue"),
                    },
                }
            },
            **openapi_eligibility.eligibility_paths(json_response, ERROR),
            **openapi_cashflow.cashflow_paths(json_response, ERROR),
        },
        "components": {
            "schemas": {
                **openapi_eligibility.SCHEMAS,
                **openapi_cashflow.SCHEMAS,
                "AidSummary": AID_SUMMARY,
                "Aid": AID,
                "AidList": {
                    "type": "object",
                    "required": ["count", "page", "page_size", "num_pages", "results"],
                    "properties": {
                        "count": {"type": "integer"},
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "num_pages": {"type": "integer"},
                        "notice": NULLABLE_STRING,
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/AidSummary"},
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {"type": "string"},
                        "details": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
            }
        },
    }
