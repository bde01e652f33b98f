"""A Redis cache that the site can live without: when Redis is down, reads miss and writes are
dropped (and logged), so pages keep being served from the database."""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
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


class ForgivingRedisCache(RedisCache):
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

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            self.set(key, value, timeout, version)
        return value
