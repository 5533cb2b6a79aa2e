"""OpenAPI paths and schemas of the cash-flow endpoint."""

AMOUNT = {
    "oneOf": [
        {"type": "string", "pattern": r"^-?\d+(\.\d{1,2})?$"},
        {"type": "number", "multipleOf": 0.01},
    ],
    "description": "Montant en euros, au plus 2 décimales (texte ou nombre).",
}
MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}
LINE = {
    "type": "object",
    "required": ["amounts"],
    "properties": {
        "label": {"type": "string"},
        "amounts": {"type": "array", "items": AMOUNT, "minItems": 1, "maxItems": 24},
    },
}
PLAN = {
    "type": "object",
    "required": ["start"],
    "additionalProperties": False,
    "properties": {
        "start": {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}$",
            "description": "Premier mois, AAAA-MM.",
        },
        "opening_balance": AMOUNT,
        "receipts": {"type": "array", "items": LINE},
        "expenses": {"type": "array", "items": LINE},
    },
}
RESULT = {
    "type": "object",
    "required": ["months", "lowest_balance", "lowest_month", "financing_need"],
    "properties": {
        "months": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "month": {"type": "string"},
                    "receipts": MONEY,
                    "expenses": MONEY,
                    "net": MONEY,
                    "closing_balance": MONEY,
                },
            },
        },
        "lowest_balance": MONEY,
        "lowest_month": {"type": "string"},
        "financing_need": MONEY,
    },
}


def cashflow_paths(json_response, error):
    return {
        "/cashflow": {
            "post": {
                "operationId": "computeCashflow",
                "summary": "Calculer un plan de trésorerie (sans compte, rien n'est enregistré)",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/CashflowPlan"}
                        }
                    },
                },
                "responses": {
                    "200": json_response(
                        {"$ref": "#/components/schemas/CashflowResult"}, "Soldes et besoin"
                    ),
                    "400": json_response(error, "Montant, mois ou structure du plan invalide"),
                    "413": json_response(error, "Requête trop volumineuse"),
                },
            }
        },
    }


SCHEMAS = {"CashflowPlan": PLAN, "CashflowResult": RESULT}
