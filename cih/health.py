"""Health as JSON: whether this web process can serve, and the state of what stands behind it.

`/healthz` is for a load balancer. It answers 200 while this process can serve pages, that is
while its database answers, and 503 only when it does not. Redis and the Celery workers are
reported in the body beside it ("degraded" when one is missing), not instead of it: pages are
served without them (the cache misses, mail owed is queued again by the sweep), so a Redis outage
must not take every web node out of the pool at once.

`/healthz/full` is for monitoring: 503 when any of the three is missing.

Neither ever raises.
"""

import time

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

HEARTBEAT_KEY = "cih:worker-heartbeat:"
NOT_CONFIGURED = {"ok": True, "detail": "not configured: tasks run in-process"}


def broker() -> redis.Redis:
    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=0.5, socket_timeout=0.5
    )


def _checked(probe) -> dict:
    try:
        return probe()
    except Exception as error:  # noqa: BLE001 - any failure is a failed check, never a 500
        return {"ok": False, "error": error.__class__.__name__}


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def _redis() -> dict:
    broker().ping()
    return {"ok": True}


def _worker() -> dict:
    client = broker()
    beats = [float(client.get(key) or 0) for key in client.scan_iter(f"{HEARTBEAT_KEY}*")]
    if not beats:
        return {"ok": False, "error": "no worker heartbeat"}
    return {
        "ok": True,
        "workers": len(beats),
        "seconds_since_beat": round(time.time() - max(beats), 1),
    }


def checks() -> dict[str, dict]:
    """The database, Redis and the workers, each {"ok": bool, ...}."""
    found = {"database": _checked(_database)}
    if not settings.CELERY_BROKER_URL:
        return {**found, "redis": NOT_CONFIGURED, "worker": NOT_CONFIGURED}
    found["redis"] = _checked(_redis)
    # A Redis that did not answer would only make the worker check wait for its timeout again.
    found["worker"] = (
        _checked(_worker) if found["redis"]["ok"] else {"ok": False, "error": "no broker"}
    )
    return found


def _answer(required: set[str]) -> JsonResponse:
    found = checks()
    failing = {name for name, check in found.items() if not check["ok"]}
    status = "failing" if failing & required else "degraded" if failing else "ok"
    return JsonResponse(
        {"status": status, "checks": found}, status=503 if failing & required else 200
    )


@never_cache
def healthz(request):
    """For a load balancer: 200 while this process can serve (its database answers)."""
    return _answer({"database"})


@never_cache
def healthz_full(request):
    """For monitoring: 503 unless the database, Redis and a Celery worker all answer."""
    return _answer({"database", "redis", "worker"})
