import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse

from cih import ratelimit
from cih.cache import ForgivingRedisCache
from tests.resilience.conftest import free_port

REDIS_URL = "redis://127.0.0.1:6379/9"


def request_from(remote_addr: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded", "expected"),
    [
        (0, "203.0.113.7", None, "203.0.113.7"),
        # With no proxy of ours, whatever a client writes in the header is ignored.
        (0, "203.0.113.7", "198.51.100.1", "203.0.113.7"),
        (1, "10.0.0.2", "198.51.100.66, 203.0.113.7", "203.0.113.7"),
        (2, "10.0.0.2", "198.51.100.66, 203.0.113.7, 10.0.0.3", "203.0.113.7"),
        (2, "10.0.0.2", "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.2", None, "10.0.0.2"),
        (1, "10.0.0.2", "not-an-address", "unknown"),
        (0, "", None, "unknown"),
        (0, "2001:db8:1:2:aaaa::1", None, "2001:db8:1:2::/64"),
        (0, "2001:db8:1:2:bbbb::9", None, "2001:db8:1:2::/64"),
    ],
)
def test_client_address(settings, proxies, remote_addr, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert ratelimit.client_address(request_from(remote_addr, forwarded)) == expected


def test_allow_counts_per_scope_and_key():
    scope = f"test-{uuid.uuid4().hex}"
    assert [ratelimit.allow(scope, "a", limit=2, window=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.allow(scope, "b", limit=2, window=60)
    assert ratelimit.allow(f"{scope}-other", "a", limit=2, window=60)


@pytest.fixture
def redis_cache():
    cache = ForgivingRedisCache(REDIS_URL, {"OPTIONS": {"socket_connect_timeout": 0.2}})
    yield cache
    cache.close()


@pytest.mark.services
def test_the_redis_counter_counts_in_one_window_that_expires(redis_cache):
    key = f"test:{uuid.uuid4().hex}"
    assert [redis_cache.incr_window(key, 30) for _ in range(3)] == [1, 2, 3]
    stored = redis_cache.make_and_validate_key(key)
    ttl = redis.Redis.from_url(REDIS_URL).ttl(stored)
    # The window starts at the first count; later counts do not extend it.
    assert 0 < ttl <= 30


@pytest.mark.services
def test_the_redis_counter_fails_open_when_redis_is_unreachable():
    cache = ForgivingRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )
    assert cache.incr_window("anything", 30) == 0


@pytest.mark.django_db
def test_sign_ups_behind_a_proxy_are_counted_per_visitor(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 1
    caches["default"].clear()

    def sign_up(visitor: str, number: int):
        return client.post(
            reverse("newsletter:signup"),
            {"email": f"v{number}@example.org", "language": "sv"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    assert sign_up("203.0.113.7", 1).status_code == 302
    assert sign_up("203.0.113.8", 2).status_code == 302
    assert sign_up("203.0.113.7", 3).status_code == 429
