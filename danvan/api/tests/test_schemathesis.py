"""Property-based run of schemathesis against the API's own OpenAPI document, on a demo
database: no operation answers a server error, and every answer fits the document (status,
content type, body schema). Bounded and deterministic: a few derandomized examples per
operation, GETs all, writes a chosen few."""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from danvan.api.services import create_token
from danvan.core.tests.test_object_access import demo  # noqa: F401 - the fixture

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
WRITES = {
    ("POST", "/api/v1/reports"),
    ("PUT", "/api/v1/reports/{report_id}/values"),
    ("POST", "/api/v1/reports/{report_id}/submit"),
    ("POST", "/api/v1/proposals"),
    ("POST", "/api/v1/indicators"),
    ("PATCH", "/api/v1/organizations/{organization_id}"),
    ("POST", "/api/v1/tasks/{task_id}/progress"),
    ("POST", "/api/v1/situations/{situation_id}/actions"),
}


@pytest.fixture
def run(demo, settings, request):  # noqa: F811 - the fixture
    from danvan.accounts.models import User

    settings.DANVAN_API_RATE_LIMIT = 100000
    # Calls go through the WSGI app in this thread, on the test's own connection and
    # transaction: keep Django from closing that connection after each request (the test
    # client does the same).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
        request.addfinalizer(lambda s=signal: s.connect(close_old_connections))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    token = {}

    def check(persona: str, wanted) -> list[str]:
        if persona not in token:
            token[persona] = create_token(
                acting_user=User.objects.get(username=persona), name="schemathesis"
            )[1]
        headers = {"Authorization": f"Bearer {token[persona]}"}
        failures, checked = [], 0
        for result in schema.get_all_operations():
            operation = result.ok()
            if not wanted(operation.method.upper(), operation.full_path):
                continue
            checked += 1

            @given(case=operation.as_strategy())
            @hypothesis.settings(
                max_examples=10,
                derandomize=True,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def call(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                call()
            except Exception as exc:  # noqa: BLE001 - reported below, with the operation
                failures.append(f"{operation.method.upper()} {operation.full_path}: {exc}")
        assert checked, "no operation matched"
        return failures

    return check


def test_every_read_keeps_to_the_document(run):
    failures = run("thuongtruc", lambda method, path: method == "GET")
    assert not failures, "\n\n".join(failures)


def test_chosen_writes_keep_to_the_document(run):
    failures = run("mttq", lambda method, path: (method, path) in WRITES)
    assert not failures, "\n\n".join(failures)
