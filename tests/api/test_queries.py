"""Each address of the API runs a fixed number of SQL queries, whatever the amount of data: the
same at one row of everything as at thirty. Counted when the answer is built (the page cache is
off in tests), for an anonymous client."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import publish

pytestmark = pytest.mark.django_db

# What each address runs, query by query.
EXPECTED = {
    # the page of initiatives, their sums from the ledger, grants and follow-ups
    "/api/v1/initiatives": 2,
    "/api/v1/initiatives?limit=2&focus_area=safety&step=execution&starts_from=2025-01-01": 2,
    # the initiative with its sums and evaluation, needs, partners, log, follow-ups
    "initiative": 5,
    # the page of needs with their focus areas
    "/api/v1/needs": 1,
    # the page of focus areas
    "/api/v1/focus-areas": 1,
    # the page of indicators, their data points with their target groups
    "/api/v1/indicators": 2,
    # the page of closed rounds' results with their rounds
    "/api/v1/prioritisation-results": 1,
    # per initiative, per funder
    "/api/v1/funding": 2,
    # the page of published workshops with their hosts
    "/api/v1/workshops": 1,
    # the page of active organisations
    "/api/v1/organisations": 1,
    # none: the document is built from the schemas
    "/api/v1/openapi.json": 0,
}


def counts(client, made) -> dict:
    result = {}
    for name in EXPECTED:
        path = f"/api/v1/initiatives/{made['initiatives'][-1].pk}" if name == "initiative" else name
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.content[:300])
        result[name] = len(queries)
    return result


@pytest.mark.parametrize("size", [1, 30])
def test_it_runs_a_fixed_number_of_queries(client, size):
    made = publish(size)
    assert counts(client, made) == EXPECTED


def test_the_next_page_costs_the_same(client):
    publish(4)
    body = client.get("/api/v1/initiatives?limit=2").json()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(body["next"]).status_code == 200
    assert len(queries) == 2
