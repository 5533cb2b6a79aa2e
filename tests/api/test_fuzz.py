"""Schemathesis generates requests from the OpenAPI document (valid and invalid) and sends them
through the WSGI app: no server error, and every answer has a documented status and schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from aidess.applications.enums import ApplicationStatus
from aidess.diagnosis.models import Diagnosis
from tests.api.factories import bearer, provider_token
from tests.cashflow.helpers import example_plan
from tests.factories import ApplicationFactory, StructureFactory, UserFactory

EXAMPLES = 8  # per operation and mode: about a minute on a slow machine
# Any text is a slug; the data·inclusion files take no parameter: no invalid request to build.
NOTHING_INVALID = {
    "GET /aids/{slug}",
    "GET /open-data/data-inclusion/structures.json",
    "GET /open-data/data-inclusion/services.json",
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def member_session(client):
    """A member of a structure with a saved plan, a completed self-diagnosis and an application
    under instruction, signed in; and the token of the application's provider (the instruction
    operations take the token, the others ignore it)."""
    member = UserFactory()
    structure = StructureFactory(member=member)
    example_plan(structure)
    Diagnosis.objects.create(structure=structure, answers={"dispute": True}).complete()
    application = ApplicationFactory(structure=structure, status=ApplicationStatus.INSTRUCTION)
    _organization, _admin, token = provider_token(application)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"]
    headers = {"Cookie": f"{cookie.key}={cookie.value}", **bearer(token)}
    return {"structures": structure.pk, "applications": application.pk}, headers


def check(case, ids, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)
    if "id" in (case.path_parameters or {}):
        # the member's own structure, the application it sent (instructed with the token): 200
        owner = "structures" if case.path.startswith("/structures/") else "applications"
        case.path_parameters["id"] = ids[owner]
        case.call_and_validate(headers=headers, checks=CHECKS)


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, keeping the test's database connection open between requests (as
    Django's test client does: PostgreSQL would close it at the end of each request)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
def test_generated_requests_get_documented_answers(wsgi_app, member_session):
    """Valid and invalid requests for every operation, signed in as a structure's member
    (schemathesis's own pytest plugin does not run on this pytest: plain Hypothesis here)."""
    ids, headers = member_session
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # + POST /watch/risk, POST /orientation/preview, POST /watch/alerts, the two data·inclusion
    # files, GET /watch/impact-review
    assert len(operations) == 22
    for operation in operations:
        modes = [GenerationMode.POSITIVE]
        if operation.label not in NOTHING_INVALID:
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:

            @given(operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                check(case, ids, headers)

            run()
