"""Fixed-window rate limits for the public forms, counted in the cache per client address.

Keys are hashed, so the cache holds no address in clear.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


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


def allow(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; False once more than `limit` fall in the current `window` seconds."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return cache.incr_window(f"ratelimit:{scope}:{digest}", window) <= limit
