import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse

from actors import ratelimit
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
    two = ratelimit.Limit(scope, limit=2, window=60)
    assert [ratelimit.allow(two, "a") for _ in range(3)] == [True, True, False]
    assert ratelimit.allow(two, "b")
    assert ratelimit.allow(ratelimit.Limit(f"{scope}-other", limit=2, window=60), "a")


def test_first_exceeded_counts_every_attempt_and_names_the_first_limit_over():
    scope = f"test-{uuid.uuid4().hex}"
    place = ratelimit.Limit(f"{scope}-place", limit=3, window=60)
    address = ratelimit.Limit(f"{scope}-address", limit=1, window=60)
    assert ratelimit.first_exceeded((place, "p"), (address, "a")) is None
    assert ratelimit.first_exceeded((place, "p"), (address, "a")) == address
    assert ratelimit.first_exceeded((place, "p"), (address, "b")) is None
    assert ratelimit.first_exceeded((place, "p"), (address, "c")) == place


def test_first_reached_reads_the_counts_without_counting():
    scope = f"test-{uuid.uuid4().hex}"
    two = ratelimit.Limit(scope, limit=2, window=60)
    other = ratelimit.Limit(f"{scope}-other", limit=5, window=60)
    assert ratelimit.first_reached((other, "a"), (two, "a")) is None
    ratelimit.first_exceeded((two, "a"))
    assert [ratelimit.first_reached((two, "a")) for _ in range(3)] == [None] * 3
    ratelimit.first_exceeded((two, "a"))
    assert ratelimit.first_reached((other, "a"), (two, "a")) == two
    assert ratelimit.first_reached((two, "b")) is None


@pytest.fixture
def redis_cache():
    cache = ForgivingRedisCache(REDIS_URL, {"OPTIONS": {"socket_connect_timeout": 0.2}})
    yield cache
    cache.close()


@pytest.mark.services
def test_the_redis_counters_count_in_windows_that_expire(redis_cache):
    first, second = f"test:{uuid.uuid4().hex}", f"test:{uuid.uuid4().hex}"
    counts = [redis_cache.incr_windows([(first, 30), (second, 90)]) for _ in range(3)]
    assert counts == [[1, 1], [2, 2], [3, 3]]
    client = redis.Redis.from_url(REDIS_URL)
    # A window starts at the first count; later counts do not extend it.
    assert 0 < client.ttl(redis_cache.make_and_validate_key(first)) <= 30
    assert 30 < client.ttl(redis_cache.make_and_validate_key(second)) <= 90
    # What the counters hold reads back as numbers, for limits that only look.
    assert redis_cache.get_many([first, second]) == {first: 3, second: 3}


@pytest.mark.services
def test_the_redis_counter_fails_open_when_redis_is_unreachable():
    cache = ForgivingRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )
    assert cache.incr_windows([("anything", 30), ("else", 30)]) == [0, 0]


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
