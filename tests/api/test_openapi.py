"""The OpenAPI document is generated and complete: every route, every method, who needs a session."""

import pytest
from django.conf import settings
from openapi_spec_validator import validate as validate_spec

from tests.api.helpers import METHODS, document, routes

pytestmark = pytest.mark.django_db

EXAMPLE_VALUES = {"{slug}": "dla", "{id}": "1"}


def concrete(template):
    for placeholder, value in EXAMPLE_VALUES.items():
        template = template.replace(placeholder, value)
    return "/api/v1" + template


def test_the_document_is_valid_openapi_3_1():
    spec = document()
    validate_spec(spec)
    assert spec["openapi"] == "3.1.0"


def test_every_route_is_documented_and_every_documented_path_is_served():
    spec = document()
    assert routes() == set(spec["paths"])
    assert {
        "/aids",
        "/aids/{slug}",
        "/eligibility",
        "/structures/{id}/eligibility",
        "/cashflow",
        "/structures/{id}/cashflow-plans",
        "/structures/{id}/diagnoses",
        "/applications",
        "/applications/{id}",
        "/instruction/applications",
        "/instruction/applications/{id}",
        "/instruction/applications/{id}/transitions",
        "/instruction/applications/{id}/decision",
        "/instruction/applications/{id}/payments",
        "/open-data/scdl-subventions.csv",
        "/open-data/data-inclusion/structures.json",
        "/open-data/data-inclusion/services.json",
    } <= set(spec["paths"])


def test_no_method_is_served_that_the_document_does_not_list(client):
    for template, operations in document()["paths"].items():
        for method in METHODS:
            response = getattr(client, method)(concrete(template))
            if method in operations:
                assert response.status_code != 405, (method, template)
            else:
                assert response.status_code == 405, (method, template)
                assert response["Content-Type"] == "application/json"
                assert response.json()["error"].startswith(f"Méthode {method.upper()} non")


def test_operations_needing_an_account_declare_the_session_cookie_and_only_they(client):
    """The instruction operations also take an organisation's token (Authorization: Bearer)."""
    spec = document()
    scheme = spec["components"]["securitySchemes"]["SessionAuth"]
    assert scheme == {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
    token = spec["components"]["securitySchemes"]["OrganizationToken"]
    assert token == {"type": "http", "scheme": "bearer"}
    for template, operations in spec["paths"].items():
        for method, operation in operations.items():
            body = {"start": "2026-01"} if method == "post" else None
            anonymous = getattr(client, method)(
                concrete(template), body, content_type="application/json"
            )
            secured = anonymous.status_code == 401
            assert ("security" in operation) == secured, (method, template)
            assert ("401" in operation["responses"]) == secured, (method, template)
            if secured and template.startswith("/instruction/"):
                assert operation["security"] == [{"OrganizationToken": []}, {"SessionAuth": []}]
                assert operation["description"].startswith("Jeton d'organisation")
                assert "ou compte requis" in operation["description"]
            elif secured and template == "/watch/alerts":  # a watch cell's software
                assert operation["security"] == [{"OrganizationToken": []}]
                assert operation["description"].startswith("Jeton d'une cellule de veille")
            elif secured:
                assert operation["security"] == [{"SessionAuth": []}]
                assert "sans compte" not in operation.get("description", "").lower()
                assert "Compte requis" in operation["description"]
            else:
                assert "Sans compte" in operation["description"]


def test_the_description_no_longer_says_the_whole_api_is_read_only_without_an_account():
    description = document()["info"]["description"]
    assert "Lecture seule, sans compte" not in description
    assert "session (cookie)" in description


def test_every_operation_documents_its_errors_with_the_project_error_body():
    spec = document()
    error = spec["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    assert error["properties"]["details"]["additionalProperties"] == {"type": "string"}
    stale = spec["components"]["schemas"]["StaleError"]
    assert stale["required"] == ["error", "version"]
    assert stale["properties"]["details"] == error["properties"]["details"]
    for template, operations in spec["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                schema = response["content"].get("application/json", {}).get("schema")
                if status == "409" and "cashflow-plans" in template:
                    # a stale write: the error body and the stored version
                    assert schema == {"$ref": "#/components/schemas/StaleError"}
                elif status.startswith("4"):
                    assert schema == {"$ref": "#/components/schemas/Error"}
                assert response["description"][0].isupper()


def test_documentation_page_lists_the_structure_endpoints_and_who_may_call_them(client):
    html = client.get("/api/v1/docs/").content.decode()
    for line in (
        "GET /api/v1/structures/{id}/cashflow-plans",
        "GET /api/v1/structures/{id}/diagnoses",
        "POST /api/v1/cashflow",
    ):
        assert line in html
    assert "Compte requis" in html
