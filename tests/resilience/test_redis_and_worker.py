import signal

import pytest
from django.core.cache import caches
from django.urls import reverse

from tests.resilience.conftest import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


@pytest.fixture
def redis_cache(settings, private_redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "cih.cache.ForgivingRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield caches["default"]
    caches["default"].close()


def test_pages_are_served_while_redis_is_down_and_the_cache_returns(
    client, redis_cache, private_redis, organisation
):
    assert client.get(reverse("actors:organisation_list")).status_code == 200
    redis_cache.set("probe", 1)
    assert redis_cache.get("probe") == 1

    private_redis.stop()
    for name in ("actors:home", "actors:organisation_list", "actors:charter"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    assert redis_cache.get("probe") is None
    assert redis_cache.set("probe", 2) is False

    private_redis.start()
    assert wait_for(lambda: redis_cache.set("probe", 3) is not False)
    assert redis_cache.get("probe") == 3


def test_healthz_reports_the_database_redis_and_a_live_worker(
    client, settings, private_redis, start_worker
):
    settings.CELERY_BROKER_URL = private_redis.url
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "error": "no worker heartbeat"}

    worker = start_worker()
    assert wait_for(lambda: client.get("/healthz").status_code == 200, timeout=30)
    body = client.get("/healthz").json()
    assert body["checks"]["database"]["ok"] and body["checks"]["redis"]["ok"]
    assert body["checks"]["worker"]["workers"] == 1

    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    assert wait_for(lambda: client.get("/healthz").status_code == 503, timeout=10)

    private_redis.stop()
    body = client.get("/healthz").json()
    assert body["checks"]["redis"]["ok"] is False
    assert body["status"] == "failing"
