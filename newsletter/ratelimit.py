"""A fixed-window counter in Django's cache, for the sign-up form's limits per IP and address."""

from django.core.cache import cache


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt under `key`; False once more than `limit` fall in `window` seconds."""
    cache_key = f"newsletter:ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit
