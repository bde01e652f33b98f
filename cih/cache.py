"""A Redis cache that the site can live without: when Redis is down, reads miss and writes are
dropped (and logged), so pages keep being served from the database."""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _forgiving(method, fallback):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable (%s): %s", method.__name__, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    wrapper.__name__ = method.__name__
    return wrapper


class ReusingRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis for every cache call, and each one builds its table of
    response callbacks: a measurable share of a sign-up. One client per pool is thread-safe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            pool = self._get_connection_pool(write)
            self._clients[index] = self._client(connection_pool=pool)
        return self._clients[index]


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    add = _forgiving(RedisCache.add, False)
    set = _forgiving(RedisCache.set, False)
    touch = _forgiving(RedisCache.touch, False)
    delete = _forgiving(RedisCache.delete, False)
    set_many = _forgiving(RedisCache.set_many, lambda data, *a, **k: list(data))
    delete_many = _forgiving(RedisCache.delete_many, None)
    has_key = _forgiving(RedisCache.has_key, False)
    clear = _forgiving(RedisCache.clear, False)
    get_many = _forgiving(RedisCache.get_many, lambda keys, *a, **k: {})

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            logger.warning("Cache unavailable (get): %s", error)
            return default

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            # Counters (rate limits) fail open: availability beats a missed limit.
            logger.warning("Cache unavailable (incr): %s", error)
            return delta

    def incr_windows(self, counters: list[tuple[str, int]]) -> list[int]:
        """Count one more under each (key, window); a counter's window starts at its first count.

        One round trip for them all; counters fail open (0) when Redis is down, like `incr`.
        """
        keys = [self.make_and_validate_key(key) for key, _window in counters]
        try:
            # MULTI/EXEC: a key cannot expire between its SET and INCR, leaving it with no TTL.
            with self._cache.get_client(write=True).pipeline() as pipe:
                for key, (_key, window) in zip(keys, counters, strict=True):
                    pipe.set(key, 0, ex=window, nx=True)
                    pipe.incr(key)
                return pipe.execute()[1::2]
        except RedisError as error:
            logger.warning("Cache unavailable (incr_windows): %s", error)
            return [0] * len(counters)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            self.set(key, value, timeout, version)
        return value


class CountingLocMemCache(LocMemCache):
    """The in-process cache of development and tests, with the window counters of the Redis one."""

    def incr_windows(self, counters: list[tuple[str, int]]) -> list[int]:
        return [self._incr_window(key, window) for key, window in counters]

    def _incr_window(self, key: str, window: int) -> int:
        if self.add(key, 1, timeout=window):
            return 1
        try:
            return self.incr(key)
        except ValueError:  # expired between add() and incr()
            return self._incr_window(key, window)
