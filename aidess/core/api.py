"""What every app's API router shares: the project's error body, French messages for bad input,
input schemas that refuse unknown fields and nulls where none is documented, body size limits.

Imports no app: the apps' routers import this, `aidess.api` mounts the routers.
"""

import json
from functools import wraps
from typing import Annotated, ClassVar, Literal

import pydantic
from django.http import HttpResponse
from ninja import Path, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict, Field, WrapValidator
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

# A structure's id in a path: a BigAutoField, larger numbers would overflow the database's integers.
StructureId = Annotated[int, Path(ge=1, le=2**63 - 1, description="Identifiant de la structure.")]
UNREADABLE_JSON = "Le corps de la requête n'est pas du JSON valide."
LOGIN_REQUIRED = "Authentification requise."


class Error(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "description": "Toute erreur : une phrase en français ; pour une requête invalide, "
            "une phrase par champ ou paramètre."
        }
    )
    error: str
    details: dict[str, str] = Field(
        None, description="Un message par champ (« receipts[0].amounts[1] ») ou paramètre."
    )


def errors(*statuses):
    """The `response=` entries documenting these error statuses."""
    return dict.fromkeys(statuses, Error)


class ApiError(HttpError):
    """Raised by a view: rendered as {"error", "details"} with its status."""

    def __init__(self, status, message, details=None):
        super().__init__(status, message)
        self.details = details


def error_body(message, details=None):
    return {"error": message, **({"details": details} if details else {})}


def json_response(body, status=200):
    """UTF-8 JSON, French text as is (RFC 8259: application/json has no charset parameter)."""
    content = json.dumps(body, ensure_ascii=False)
    return HttpResponse(content, status=status, content_type="application/json")


def body_at_most(max_bytes):
    """Operation decorator (`ninja.decorators.decorate_view`): 413 before anything is parsed."""

    def decorator(run):
        @wraps(run)
        def checked(request, *args, **kwargs):
            declared = request.META.get("CONTENT_LENGTH") or "0"
            if (declared.isdigit() and int(declared) > max_bytes) or len(request.body) > max_bytes:
                message = f"Requête trop volumineuse ({max_bytes // 1024} Ko au plus)."
                return json_response(error_body(message), 413)
            return run(request, *args, **kwargs)

        return checked

    return decorator


def documented(schema, model):
    """The French description (`about`); an optional field is left out, never sent as null: its
    documented default is not null."""
    if model.about:
        schema["description"] = model.about
    for prop in schema.get("properties", {}).values():
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class Input(pydantic.BaseModel):
    """A request body (plain Pydantic: ninja's Schema reads ORM objects, bodies are JSON):
    unknown fields refused; `invalid` and `not_an_object` title its errors."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=documented)
    about: ClassVar[str] = ""
    invalid: ClassVar[str] = "Requête invalide."
    not_an_object: ClassVar[str] = "Objet JSON attendu."


def invalid(message, place=(), value=None):
    """A validation error at `place` (inside a model validator, for a field or a group)."""
    error = InitErrorDetails(
        type=PydanticCustomError("invalid", message), loc=tuple(place), input=value
    )
    return pydantic.ValidationError.from_exception_data("invalid", [error])


def refuse(message):
    """A field validator's French message, raised as is."""
    return PydanticCustomError("invalid", message)


def one_of(values, message="Valeur inconnue « {value} ». Valeurs possibles : {values}."):
    """A string among `values` (documented as an enum), else the French message."""
    values = tuple(values)

    def check(value, handler):
        try:
            return handler(value)
        except pydantic.ValidationError:
            raise refuse(message.format(value=value, values=", ".join(values))) from None

    return Annotated[Literal[values], WrapValidator(check)]


# Pydantic's own errors, said in French (the apps' validators raise French messages already).
MESSAGES = {
    "missing": "Champ obligatoire.",
    "extra_forbidden": "Champ inconnu.",
    "bool_type": "Valeur attendue : true ou false.",
    "bool_parsing": "Valeur attendue : true ou false.",
    "int_type": "Valeur attendue : un nombre entier.",
    "int_parsing": "Valeur attendue : un nombre entier.",
    "int_from_float": "Valeur attendue : un nombre entier.",
    "string_type": "Valeur attendue : un texte.",
    "list_type": "Valeur attendue : une liste.",
    "model_type": "Objet JSON attendu.",
    "model_attributes_type": "Objet JSON attendu.",
    "dict_type": "Objet JSON attendu.",
    "greater_than_equal": "La valeur doit être au moins {ge}.",
    "less_than_equal": "La valeur doit être au plus {le}.",
    "string_too_long": "Texte trop long ({max_length} caractères au plus).",
    "literal_error": "Valeur inconnue. Valeurs possibles : {expected}.",
}
BUILT_IN = set(core_schema.ErrorType.__args__)


def place_of(loc):
    """("receipts", 0, "amounts", 1) → "receipts[0].amounts[1]"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def french(error):
    if error["type"] not in BUILT_IN:
        return error["msg"]
    template = MESSAGES.get(error["type"], "Valeur invalide.")
    return template.format(**error.get("ctx", {}))


def details_of(errors, not_an_object=Input.not_an_object, prefix=0):
    """{place: French message} from Pydantic's errors (`prefix`: leading loc items to drop).
    An error on the whole body (not an object, or no body) is reported at "body"."""
    details = {}
    for error in errors:
        loc = error["loc"][prefix:]
        if not loc and error["type"] in (
            "missing",
            "model_type",
            "model_attributes_type",
            "dict_type",
        ):
            details.setdefault("body", not_an_object)
            continue
        details.setdefault(place_of(loc) or "body", french(error))
    return details
