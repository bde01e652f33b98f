"""Health as JSON: whether this web process can serve, and the state of what stands behind it.

`/healthz` is for a load balancer. It answers 200 while this process can serve pages, that is
while its database answers, and 503 only when it does not. The broker and the Celery workers are
reported in the body beside it ("degraded" when one is missing), not instead of it: pages are
served without them (the cache misses, mail owed is queued again by the sweep), so a Redis outage
must not take every web node out of the pool at once.

`/healthz/full` is for monitoring: 503 when any check fails.

The checks follow the broker this process uses: a Redis broker is asked whether it answers
(check "redis"); the embedded broker of `make run`, a folder on disk, is named without a question
(check "broker"); with none, tasks run in-process. Each worker leaves a heartbeat every
WORKER_HEARTBEAT_SECONDS, a key that expires in Redis or a file beside the embedded broker's
queue, and a worker counts as alive while its last heartbeat is under three of those old.

Neither address ever raises.
"""

import time
from pathlib import Path
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

HEARTBEAT_KEY = "cih:worker-heartbeat:"
IN_PROCESS = "not configured: tasks run in-process"


def broker_kind() -> str:
    """ "redis", "embedded" (`make run`'s folder), "" without a broker, or another's scheme."""
    url = settings.CELERY_BROKER_URL
    if url.startswith(("redis://", "rediss://")):
        return "redis"
    if url.startswith("filesystem://"):
        return "embedded"
    return urlsplit(url).scheme


def broker() -> redis.Redis:
    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=0.5, socket_timeout=0.5
    )


def _heartbeat_expiry() -> int:
    return max(int(settings.WORKER_HEARTBEAT_SECONDS * 3), 1)


def _heartbeat_folder() -> Path:
    return settings.EMBEDDED_BROKER_DIR / "heartbeats"


def heartbeat_write(hostname: str) -> None:
    """Say that the worker `hostname` is alive, on the broker it works from."""
    if broker_kind() == "redis":
        broker().set(f"{HEARTBEAT_KEY}{hostname}", time.time(), ex=_heartbeat_expiry())
    elif broker_kind() == "embedded":
        _heartbeat_folder().mkdir(exist_ok=True)
        (_heartbeat_folder() / hostname).touch()


def _heartbeats() -> list[float]:
    """When each worker that is still alive last said so."""
    if broker_kind() == "redis":
        client = broker()
        return [float(client.get(key) or 0) for key in client.scan_iter(f"{HEARTBEAT_KEY}*")]
    folder = _heartbeat_folder()
    beats = [path.stat().st_mtime for path in folder.iterdir()] if folder.is_dir() else []
    # A worker killed without a word leaves its file behind; only its age tells.
    return [beat for beat in beats if beat > time.time() - _heartbeat_expiry()]


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
    beats = _heartbeats()
    if not beats:
        return {"ok": False, "error": "no worker heartbeat"}
    return {
        "ok": True,
        "workers": len(beats),
        "seconds_since_beat": round(time.time() - max(beats), 1),
    }


def checks() -> dict[str, dict]:
    """The database, the broker and the workers, each {"ok": bool, ...}."""
    found = {"database": _checked(_database)}
    kind = broker_kind()
    if kind == "redis":
        found["redis"] = _checked(_redis)
        # A Redis that did not answer would only make the worker check wait for its timeout again.
        found["worker"] = (
            _checked(_worker) if found["redis"]["ok"] else {"ok": False, "error": "no broker"}
        )
    elif kind == "embedded":
        found["broker"] = {"ok": True, "kind": "embedded"}
        found["worker"] = _checked(_worker)
    elif not kind:
        found["broker"] = {"ok": True, "kind": "none", "detail": IN_PROCESS}
        found["worker"] = {"ok": True, "detail": IN_PROCESS}
    else:
        # No way to ask this broker, nor to hear its workers: say so rather than fail.
        found["broker"] = {"ok": True, "kind": kind, "detail": "not checked"}
        found["worker"] = {"ok": True, "detail": "unknown"}
    return found


def _answer(*, required: set[str] | None) -> JsonResponse:
    """`required`: the checks whose failure is a 503; None for every check."""
    found = checks()
    failing = {name for name, check in found.items() if not check["ok"]}
    fatal = failing if required is None else failing & required
    status = "failing" if fatal else "degraded" if failing else "ok"
    return JsonResponse({"status": status, "checks": found}, status=503 if fatal else 200)


@never_cache
def healthz(request):
    """For a load balancer: 200 while this process can serve (its database answers)."""
    return _answer(required={"database"})


@never_cache
def healthz_full(request):
    """For monitoring: 503 unless the database, the broker and a Celery worker all answer."""
    return _answer(required=None)
