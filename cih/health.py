"""/healthz for a load balancer: the database, Redis and a live Celery worker, as JSON.

Answers 200 when everything the site needs is up and 503 otherwise, and never raises.
"""

import time

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

HEARTBEAT_KEY = "cih:worker-heartbeat:"


def broker() -> redis.Redis:
    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=0.5, socket_timeout=0.5
    )


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as error:  # noqa: BLE001 - any failure is a failed check
        return {"ok": False, "error": error.__class__.__name__}


def _redis() -> dict:
    if not settings.CELERY_BROKER_URL:
        return {"ok": True, "detail": "not configured: tasks run in-process"}
    try:
        broker().ping()
        return {"ok": True}
    except redis.RedisError as error:
        return {"ok": False, "error": error.__class__.__name__}


def _worker() -> dict:
    if not settings.CELERY_BROKER_URL:
        return {"ok": True, "detail": "not configured: tasks run in-process"}
    try:
        client = broker()
        beats = [float(client.get(key) or 0) for key in client.scan_iter(f"{HEARTBEAT_KEY}*")]
    except redis.RedisError as error:
        return {"ok": False, "error": error.__class__.__name__}
    if not beats:
        return {"ok": False, "error": "no worker heartbeat"}
    return {
        "ok": True,
        "workers": len(beats),
        "seconds_since_beat": round(time.time() - max(beats), 1),
    }


@never_cache
def healthz(request):
    checks = {"database": _database(), "redis": _redis(), "worker": _worker()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks}, status=200 if healthy else 503
    )
