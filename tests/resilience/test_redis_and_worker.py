import signal

import pytest
from django.core.cache import caches
from django.urls import reverse

from tests.resilience.conftest import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


@pytest.fixture
def redis_cache(settings, private_redis):
    """The counters' cache and the page cache on a Redis the test can stop."""
    redis = {
        "BACKEND": "cih.cache.ForgivingRedisCache",
        "LOCATION": private_redis.url,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = {"default": redis, settings.PAGE_CACHE_ALIAS: redis}
    settings.PAGE_CACHE_ENABLED = True
    yield caches["default"]
    for cache in caches.all():
        cache.close()


def test_pages_are_served_while_redis_is_down_and_the_cache_returns(
    client, redis_cache, private_redis, organisation
):
    assert client.get(reverse("actors:organisation_list")).status_code == 200
    redis_cache.set("probe", 1)
    assert redis_cache.get("probe") == 1

    private_redis.stop()
    for name in ("portal:home", "actors:organisation_list", "actors:charter"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    assert redis_cache.get("probe") is None
    assert redis_cache.set("probe", 2) is False

    private_redis.start()
    assert wait_for(lambda: redis_cache.set("probe", 3) is not False)
    assert redis_cache.get("probe") == 3


def health(client, path="/healthz") -> tuple[int, dict]:
    response = client.get(path)
    return response.status_code, response.json()


def test_healthz_stays_200_without_redis_or_a_worker_and_says_what_is_missing(
    client, settings, private_redis, start_worker
):
    """A load balancer keeps a node that can serve; monitoring reads /healthz/full."""
    settings.CELERY_BROKER_URL = private_redis.url
    status, body = health(client)
    assert (status, body["status"]) == (200, "degraded")
    assert body["checks"]["worker"] == {"ok": False, "error": "no worker heartbeat"}
    assert health(client, "/healthz/full")[0] == 503

    worker = start_worker()
    assert wait_for(lambda: health(client, "/healthz/full")[0] == 200, timeout=30)
    status, body = health(client)
    assert (status, body["status"]) == (200, "ok")
    assert body["checks"]["database"]["ok"] and body["checks"]["redis"]["ok"]
    assert body["checks"]["worker"]["workers"] == 1

    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    assert wait_for(lambda: health(client, "/healthz/full")[0] == 503, timeout=10)
    assert health(client)[0] == 200

    private_redis.stop()
    status, body = health(client)
    assert (status, body["status"]) == (200, "degraded")
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["redis"] == {"ok": False, "error": "ConnectionError"}
    assert body["checks"]["worker"]["ok"] is False
    status, body = health(client, "/healthz/full")
    assert (status, body["status"]) == (503, "failing")
