"""The generated OpenAPI document, and checking a real answer against what it documents."""

import re

from openapi_schema_validator import OAS31Validator

from aidess.api import urls
from aidess.api.v1 import openapi_document

SERVER = "http://testserver/api/v1"
NOT_OPERATIONS = {"openapi", "docs", "api-root"}  # the document itself, its page, the JSON 404
METHODS = ["get", "post", "put", "patch", "delete"]


def document():
    return openapi_document(SERVER)


def routes():
    """Every operation path Django serves under /api/v1/, written as OpenAPI writes it."""
    return {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        for pattern in urls.urlpatterns
        if pattern.name not in NOT_OPERATIONS
    }


def assert_documented(spec, method, template, response):
    """The answer's status is documented for this operation and its JSON body has the documented
    schema (formats checked: dates, URIs)."""
    operation = spec["paths"][template][method]
    status = str(response.status_code)
    assert status in operation["responses"], (
        f"{method.upper()} {template} answered {status}, documented: {list(operation['responses'])}"
    )
    content = operation["responses"][status]["content"]
    if "text/csv" in content:  # a file (open data): its own tests validate it
        assert response["Content-Type"].startswith("text/csv")
        return
    assert response["Content-Type"] == "application/json"
    schema = content["application/json"]["schema"]
    validator = OAS31Validator(
        {**schema, "components": spec["components"]}, format_checker=OAS31Validator.FORMAT_CHECKER
    )
    validator.validate(response.json())
