"""A tiny fixed-window rate limit on Django's cache, for the public forms of this app.

The key is a hash of the client's address, so no address is stored in the cache in clear.
"""

import hashlib

from django.core.cache import cache


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; True while the attempts in the current window stay within `limit`."""
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit
