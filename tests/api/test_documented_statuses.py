"""Every status the OpenAPI document promises for an operation is one a client can get from it:
read from the document itself, so a status added to it without a way to reach it fails here."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

DOCUMENT = "/api/v1/openapi.json"


def operations(client) -> list[tuple[str, list[int]]]:
    document = client.get(DOCUMENT).json()
    return [
        (path, sorted(int(status) for status in operation["responses"]))
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if method == "get"
    ]


def reach(client, settings, url: str, status: int, missing: str) -> int:
    """Ask `url` the way that should answer `status`; returns what it answered."""
    if status == 200:
        return client.get(url).status_code
    if status == 304:
        etag = client.get(url)["ETag"]
        return client.get(url, HTTP_IF_NONE_MATCH=etag).status_code
    if status == 400:
        return client.get(url, {"no_such_filter": "1"}).status_code
    if status == 404:
        return client.get(missing).status_code
    if status == 429:
        settings.API_REQUESTS_PER_MINUTE = 1
        cache.clear()
        client.get(url)
        answered = client.get(url).status_code
        settings.API_REQUESTS_PER_MINUTE = 1_000_000
        cache.clear()
        return answered
    raise AssertionError(f"no way known to reach {status}")


def test_every_documented_status_of_every_operation_is_reachable(client, published, settings):
    settings.API_REQUESTS_PER_MINUTE = 1_000_000
    initiative = published["initiatives"][0].pk
    documented = operations(client)
    assert documented, "the document lists no operation"
    for path, statuses in documented:
        url = path.replace("{initiative_id}", str(initiative))
        missing = path.replace("{initiative_id}", "999999")
        for status in statuses:
            assert reach(client, settings, url, status, missing) == status, (path, status)
