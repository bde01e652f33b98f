"""PostgreSQL restarted under the running site: the same gunicorn worker serves pages again.

The site runs the test profile rather than production (which needs collected static files), but
its PostgreSQL connections are configured the same way: kept for CONN_MAX_AGE seconds and checked
before reuse. One worker, so every request lands on the one connection the test watches.
"""

import json
import os
import subprocess
import sys
import time

import psycopg
import pytest

from tests.resilience.conftest import ROOT, SiteServer, wait_for

pytestmark = pytest.mark.services

DATABASE = "cih"
# Public pages that read the database on every request.
PAGES = ("/en/initiatives/", "/en/actors/")


@pytest.fixture
def site(private_postgres):
    with psycopg.connect(private_postgres.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    inherited = {
        name: value
        for name, value in os.environ.items()
        # A broker would make /healthz wait for a Celery worker, and a shared cache would let
        # pages be served without the database.
        if name not in {"CELERY_BROKER_URL", "CACHE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env = {
        **inherited,
        "DJANGO_ENV": "test",
        "DATABASE_URL": private_postgres.url(DATABASE),
        "CONN_MAX_AGE": "60",
        "PAGE_CACHE_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    server = SiteServer(env, log=private_postgres.directory / "gunicorn.log")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def site_backends(postgres) -> list[int]:
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DATABASE])
        return [pid for (pid,) in rows]


def health(site) -> tuple[int, dict]:
    status, body = site.get("/healthz")
    return status, json.loads(body)


def assert_pages_served(site):
    for path in PAGES:
        status, _ = site.get(path)
        assert status == 200, f"{path} answered {status}:\n{site.output()}"


def test_the_same_workers_serve_again_when_postgresql_comes_back(site, private_postgres):
    master = site.process.pid
    workers = site.worker_pids()
    assert len(workers) == 1
    for _ in range(3):
        assert_pages_served(site)
    backends = site_backends(private_postgres)
    assert len(backends) == 1, "the worker should keep one connection open between requests"
    assert_pages_served(site)
    assert site_backends(private_postgres) == backends

    # Stopped and started between two requests: the worker still holds the connection the old
    # server closed, and only the check before reuse stops the next visitor getting a 500.
    private_postgres.stop()
    private_postgres.start()
    assert_pages_served(site)
    assert site_backends(private_postgres) != backends

    private_postgres.stop()
    began = time.monotonic()
    status, body = health(site)
    assert status == 503
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert site.get(PAGES[0])[0] == 500
    assert time.monotonic() - began < 3, "a refused connection should fail fast, not hang"

    private_postgres.start()
    assert wait_for(lambda: health(site)[0] == 200, timeout=5), site.output()
    assert health(site)[1]["checks"]["database"] == {"ok": True}
    assert_pages_served(site)
    assert site.process.poll() is None
    assert site.process.pid == master
    assert site.worker_pids() == workers
