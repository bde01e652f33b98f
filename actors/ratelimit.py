"""Fixed-window rate limits for the public forms, counted in the cache per client address.

Keys are hashed, so the cache holds no address in clear.
"""

import hashlib
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most `limit` attempts per key in a window of `window` seconds."""

    scope: str
    limit: int
    window: int


def client_address(request) -> str:
    """The visitor's address as the nearest trusted proxy saw it; IPv6 grouped per /64 network,
    since one household or phone commonly holds a whole /64."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.headers.get("x-forwarded-for", "")
    if settings.TRUSTED_PROXY_COUNT and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        address = hops[-min(settings.TRUSTED_PROXY_COUNT, len(hops))]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _counter(limit: Limit, key: str) -> str:
    return f"ratelimit:{limit.scope}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"


def first_reached(*attempts: tuple[Limit, str]) -> Limit | None:
    """The first limit whose key has used up its window, counting nothing: for forms that count
    only what they accept, and refuse before the visitor fills the form in again."""
    counts = cache.get_many([_counter(limit, key) for limit, key in attempts])
    return next(
        (limit for limit, key in attempts if counts.get(_counter(limit, key), 0) >= limit.limit),
        None,
    )


def first_exceeded(*attempts: tuple[Limit, str]) -> Limit | None:
    """Count one attempt under each (limit, key), all in one round trip to the cache; the first
    limit that is now exceeded, or None."""
    counters = [(_counter(limit, key), limit.window) for limit, key in attempts]
    counts = cache.incr_windows(counters)
    return next(
        (
            limit
            for (limit, _key), count in zip(attempts, counts, strict=True)
            if count > limit.limit
        ),
        None,
    )


def allow(limit: Limit, key: str) -> bool:
    """Count one attempt; False once more than the limit fall in the current window."""
    return first_exceeded((limit, key)) is None
