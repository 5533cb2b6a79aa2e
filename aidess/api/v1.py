"""The one NinjaAPI of /api/v1/: mounts the apps' routers, says every error in the project's JSON
shape and in French (400 for bad input, not ninja's 422), and builds the OpenAPI document."""

import json
import logging

from django.conf import settings
from django.core.signals import got_request_exception
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from aidess.aids.api import router as aids_router
from aidess.applications.api import router as applications_router
from aidess.cashflow.api import router as cashflow_router
from aidess.core.api import (
    LOGIN_REQUIRED,
    UNREADABLE_JSON,
    ApiError,
    Input,
    details_of,
    error_body,
)
from aidess.diagnosis.api import router as diagnosis_router
from aidess.eligibility.api import router as eligibility_router
from aidess.instruction.api import router as instruction_router
from aidess.opendata.api import router as opendata_router
from aidess.orientation.api import router as orientation_router
from aidess.pathways.api import router as pathways_router
from aidess.reviews.api import router as reviews_router
from aidess.watch.api import router as watch_router

logger = logging.getLogger("django.request")

DESCRIPTION = (
    "Catalogue des aides et accompagnement des structures de l'ESS. La recherche d'aides, "
    "l'éligibilité d'un profil et le calcul d'un plan de trésorerie se font sans compte et "
    "n'enregistrent rien. Les données d'une structure enregistrée (éligibilité, plans, "
    "autodiagnostics, demandes d'aide) demandent la session (cookie) d'une personne qui y a "
    "droit. L'instruction des demandes se fait aussi avec un jeton d'organisation (en-tête "
    "« Authorization: Bearer … »), créé et révoqué par les administrateurs de l'organisation : "
    "les actions sont enregistrées au nom de la personne qui l'a créé. Erreurs en "
    'JSON, messages en français : {"error": "…", "details": {"champ": "…"}}.'
)
STATUS_TEXTS = {
    200: "Réponse",
    201: "Créé",
    400: "Requête invalide (un message par champ ou paramètre dans details)",
    401: "Authentification requise",
    403: "Accès refusé",
    404: "Introuvable, ou hors de vos droits",
    405: "Méthode non acceptée",
    409: "Conflit : l'état ou une version enregistrée ne le permet pas",
    413: "Requête trop volumineuse",
    500: "Erreur interne",
}


class FrenchJSON(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class InvalidInput(ValidationError):
    def __init__(self, title, details):
        super().__init__([details])
        self.title = title
        self.details = details


class AidessAPI(NinjaAPI):
    def get_content_type(self):
        return "application/json"  # RFC 8259: UTF-8, no charset parameter

    def validation_error_from_error_contexts(self, error_contexts):
        """French details per field; a body's errors are titled by its schema ("Plan invalide.")."""
        title, details = "Paramètres invalides.", {}
        for context in error_contexts:
            model = context.model
            errors = context.pydantic_validation_error.errors(include_url=False)
            if model.__ninja_param_source__ == "body":
                name = model.__read_from_single_attr__
                schema = model.model_fields[name].annotation
                if not (isinstance(schema, type) and issubclass(schema, Input)):
                    schema = Input
                title = schema.invalid
                details.update(details_of(errors, schema.not_an_object, prefix=1))
            else:
                flat = model.__ninja_flatten_map_reverse__
                for error in errors:
                    loc = tuple(error["loc"])
                    # ("query", "aid", 0): a list parameter's item keeps its index.
                    head = next((n for n in range(len(loc), 0, -1) if loc[:n] in flat), None)
                    if head is not None:
                        error["loc"] = (*flat[loc[:head]], *loc[head:])
                details.update(details_of(errors))
        return InvalidInput(title, details)


api = AidessAPI(
    title="API AidESS",
    version="1.0.0",
    description=DESCRIPTION,
    openapi_url=None,  # served by aidess.api.views with the caller's absolute server URL
    docs_url=None,
    urls_namespace="api",
    renderer=FrenchJSON(),
    openapi_extra={
        "info": {"license": {"name": "Licence Ouverte 2.0", "identifier": "etalab-2.0"}}
    },
)
api.add_router("", aids_router)
api.add_router("", eligibility_router)
api.add_router("", cashflow_router)
api.add_router("", diagnosis_router)
api.add_router("", applications_router)
api.add_router("", instruction_router)
api.add_router("", opendata_router)
api.add_router("", orientation_router)
api.add_router("", pathways_router)
api.add_router("", watch_router)
api.add_router("", reviews_router)


def respond(request, status, message, details=None):
    return api.create_response(request, error_body(message, details), status=status)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    if isinstance(exc, InvalidInput):
        return respond(request, 400, exc.title, exc.details)
    return respond(request, 400, "Requête invalide.")


@api.exception_handler(ApiError)
def api_error(request, exc):
    return respond(request, exc.status_code, exc.message, exc.details)


@api.exception_handler(AuthenticationError)
def login_required(request, exc):
    return respond(request, 401, LOGIN_REQUIRED)


@api.exception_handler(AuthorizationError)
def forbidden(request, exc):
    return respond(request, 403, "Vous n'avez pas accès à cette ressource.")


@api.exception_handler(HttpError)
def http_error(request, exc):
    """ninja's own errors: an unreadable body is the only one these routes can raise."""
    if isinstance(exc.__cause__, ValueError):  # json.JSONDecodeError, UnicodeDecodeError
        return respond(request, 400, UNREADABLE_JSON)
    return respond(request, exc.status_code, STATUS_TEXTS.get(exc.status_code, "Erreur."))


@api.exception_handler(Http404)
def not_found(request, exc):
    return respond(request, 404, "Ressource introuvable.")


@api.exception_handler(Exception)
def server_error(request, exc):
    """Logged and signalled as Django does for any view (the test client re-raises it)."""
    if settings.DEBUG:
        raise exc
    logger.error("Erreur interne : %s", request.path, exc_info=exc)
    got_request_exception.send(sender=None, request=request)
    return respond(request, 500, "Erreur interne : l'équipe est prévenue. Réessayez plus tard.")


def openapi_document(server_url):
    """The OpenAPI 3.1 document, paths relative to `server_url`, as JSON would give it."""
    document = json.loads(json.dumps(api.get_openapi_schema(path_prefix=""), default=str))
    document["servers"] = [{"url": server_url}]
    for operations in document["paths"].values():
        for operation in operations.values():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                if list(content["schema"]) == ["allOf"] and len(content["schema"]["allOf"]) == 1:
                    content["schema"] = content["schema"]["allOf"][0]  # an optional body's $ref
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                response["description"] = STATUS_TEXTS.get(int(status), response["description"])
    return document
