"""OpenAPI paths and schemas of the eligibility endpoints."""

from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS


def values(vocabulary):
    return {"type": "string", "enum": list(vocabulary)}


NULLABLE_NUMBER = {"type": ["number", "string", "null"], "minimum": 0}

PROFILE = {
    "type": "object",
    "additionalProperties": False,
    "description": "Chaque champ est facultatif : un champ absent rend « inconnus » les critères "
    "qui en ont besoin, jamais une erreur.",
    "properties": {
        "legal_category": {
            "type": "string",
            "pattern": r"^\d{4}$",
            "description": "Catégorie juridique INSEE (niveau III), ex. 9220.",
        },
        "legal_form": {
            **values(LEGAL_FORMS),
            "description": "Déduite de legal_category si absente.",
        },
        "ess": {"type": "boolean"},
        "esus": {"type": "boolean"},
        "iae": {"type": "boolean"},
        "employees_fte": NULLABLE_NUMBER,
        "annual_budget_eur": NULLABLE_NUMBER,
        "public_funding_share": {
            "type": ["number", "string", "null"],
            "minimum": 0,
            "maximum": 1,
            "description": "Part des financements publics, entre 0 et 1.",
        },
        "sector": values(SECTORS),
        "commune": {"type": "string", "description": "Code INSEE de la commune du siège."},
        "situations": {"type": "array", "items": values(SITUATIONS)},
        "creation_date": {"type": "string", "format": "date"},
        "include_closed": {"type": "boolean", "default": False},
    },
}

VERDICTS = {
    "type": "object",
    "required": ["results"],
    "properties": {
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["aid", "name", "verdict", "open", "near_miss", "criteria"],
                "properties": {
                    "aid": {"type": "string", "description": "Identifiant (slug) de l'aide."},
                    "name": {"type": "string"},
                    "verdict": {"type": "string", "enum": ["eligible", "ineligible", "to_confirm"]},
                    "open": {"type": "boolean"},
                    "near_miss": {
                        "type": "boolean",
                        "description": "Un seul critère non rempli.",
                    },
                    "criteria": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["code", "verdict", "reason"],
                            "properties": {
                                "code": {"type": "string"},
                                "verdict": {"type": "string", "enum": ["met", "unmet", "unknown"]},
                                "reason": {"type": "string"},
                            },
                        },
                    },
                },
            },
        }
    },
}


def eligibility_paths(json_response, error):
    return {
        "/eligibility": {
            "post": {
                "operationId": "evaluateEligibility",
                "summary": "Éligibilité d'un profil à chaque aide publiée (sans compte)",
                "requestBody": {
                    "required": False,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}
                    },
                },
                "responses": {
                    "200": json_response({"$ref": "#/components/schemas/Verdicts"}, "Verdicts"),
                    "400": json_response(error, "Vocabulaire inconnu ou type invalide"),
                    "413": json_response(error, "Requête trop volumineuse"),
                },
            }
        },
        "/structures/{id}/eligibility": {
            "get": {
                "operationId": "structureEligibility",
                "summary": "Éligibilité d'une structure enregistrée (utilisateurs autorisés)",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {
                        "name": "include_closed",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "boolean"},
                    },
                ],
                "responses": {
                    "200": json_response({"$ref": "#/components/schemas/Verdicts"}, "Verdicts"),
                    "401": json_response(error, "Authentification requise"),
                    "404": json_response(error, "Structure introuvable ou hors de vos droits"),
                },
            }
        },
    }


SCHEMAS = {"Profile": PROFILE, "Verdicts": VERDICTS}
