"""/healthz answers for this web process: 503 only when its database does not answer. Both
addresses report the broker the process really uses, and its workers' heartbeats."""

import os
import time
from unittest import mock

import pytest
from django.db import OperationalError, connections

from cih.health import heartbeat_write

pytestmark = pytest.mark.django_db


def test_without_a_broker_everything_is_ok(client, settings):
    settings.CELERY_BROKER_URL = ""
    for path in ("/healthz", "/healthz/full"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
        assert "no-store" in response["Cache-Control"]
        assert response.json()["checks"]["broker"]["kind"] == "none"
        assert "redis" not in response.json()["checks"]


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


@pytest.fixture
def embedded_broker(settings, tmp_path):
    """The broker of `make run`: a folder on disk, and no Redis anywhere."""
    settings.CELERY_BROKER_URL = "filesystem://localhost"
    settings.EMBEDDED_BROKER_DIR = tmp_path
    settings.WORKER_HEARTBEAT_SECONDS = 10


def test_the_embedded_broker_is_named_not_asked_for_redis(client, embedded_broker):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"] == {
        "database": {"ok": True},
        "broker": {"ok": True, "kind": "embedded"},
        "worker": {"ok": False, "error": "no worker heartbeat"},
    }
    assert client.get("/healthz/full").status_code == 503


def test_a_worker_on_the_embedded_broker_is_heard_while_its_heartbeat_is_fresh(
    client, embedded_broker, tmp_path
):
    heartbeat_write("celery@laptop")
    response = client.get("/healthz/full")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["worker"]["workers"] == 1

    # Killed without a word: its last heartbeat grows older than three beats.
    long_ago = time.time() - 31
    os.utime(tmp_path / "heartbeats" / "celery@laptop", (long_ago, long_ago))
    response = client.get("/healthz/full")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "error": "no worker heartbeat"}


def test_a_broker_health_cannot_ask_is_reported_unknown_not_failing(client, settings):
    settings.CELERY_BROKER_URL = "amqp://guest@127.0.0.1:5672//"
    response = client.get("/healthz/full")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == {
        "ok": True,
        "kind": "amqp",
        "detail": "not checked",
    }
    assert response.json()["checks"]["worker"] == {"ok": True, "detail": "unknown"}
