"""The API tested by a client nobody here wrote: schemathesis reads the API's own OpenAPI document
and sends what it describes, and what it does not (values out of range, wrong types). Every answer
must be no 5xx, match its documented schema, and have a documented status."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.api.conftest import publish

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


# Loaded once, when the tests are collected: building the document runs no query. (schemathesis'
# lazy `from_fixture` would load it per test, but does not run under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def data(db, settings):
    """A little of everything, so the lists have rows and an id can name a real initiative."""
    settings.API_REQUESTS_PER_MINUTE = 1_000_000
    # schemathesis calls the WSGI application itself, which would close the test's connection,
    # and its transaction, as each request starts and ends: keep it open, as Django's own test
    # client does.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield publish(2)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_own_document(case, data):
    case.call_and_validate(checks=CHECKS)
