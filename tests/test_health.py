"""/healthz answers for this web process: 503 only when its database does not answer."""

from unittest import mock

import pytest
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


def test_without_a_broker_everything_is_ok(client, settings):
    settings.CELERY_BROKER_URL = ""
    for path in ("/healthz", "/healthz/full"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
        assert "no-store" in response["Cache-Control"]


def test_an_unreachable_database_is_503_on_both_addresses(client, settings):
    settings.CELERY_BROKER_URL = ""
    refused = OperationalError("connection refused")
    with mock.patch.object(connections["default"], "cursor", side_effect=refused):
        for path in ("/healthz", "/healthz/full"):
            response = client.get(path)
            assert response.status_code == 503
            assert response.json()["status"] == "failing"
            assert response.json()["checks"]["database"] == {
                "ok": False,
                "error": "OperationalError",
            }


def test_a_redis_that_refuses_connections_is_reported_beside_a_200(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["redis"] == {"ok": False, "error": "ConnectionError"}
    assert response.json()["checks"]["worker"] == {"ok": False, "error": "no broker"}
    assert client.get("/healthz/full").status_code == 503


def test_a_check_that_breaks_in_an_unforeseen_way_is_a_failed_check(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    redis = mock.Mock(**{"scan_iter.return_value": ["beat"], "get.return_value": b"garbage"})
    with mock.patch("cih.health.broker", return_value=redis):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == {"ok": True}
    assert response.json()["checks"]["worker"] == {"ok": False, "error": "ValueError"}
