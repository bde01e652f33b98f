"""What the benchmarks share: databases made from seed_demo at a given scale, and a server."""

import multiprocessing
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")


def database_url(name: str) -> str:
    return f"{SERVER}/{name}"


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def ensure_database(name: str) -> str:
    """The address of a database of that name, created empty if it does not exist yet."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return database_url(name)


def seeded_database(scale: int, name: str = "") -> str:
    """A database with seed_demo --scale N in it, made once and reused by later runs."""
    name = name or f"cih_bench_scale_{scale}"
    url = database_url(name)
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and os.environ.get("BENCH_RESEED"):
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {"DATABASE_URL": url}
    manage("migrate", "--noinput", "-v0", env=env)
    manage("seed_demo", "--scale", str(scale), env=env)
    # A live database has planner statistics (autovacuum keeps them); a freshly seeded or copied
    # one may have none, and its query plans would be guesses.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    return url


def cloned_database(template: str, name: str) -> str:
    """A fresh copy of the database `template` (no one may be connected to it), for a run that
    changes its data."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return database_url(name)


def drop_database(name: str) -> None:
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _first_text_line(raw: bytes) -> bytes:
    """The first line of a message's text part: what the mail tells, whoever it is to."""
    raw = raw.replace(b"\r\n", b"\n")
    start = raw.find(b"Content-Type: text/plain")
    start = raw.find(b"\n\n", start if start >= 0 else 0)
    return raw[start + 2 :].split(b"\n", 1)[0].strip()


def _run_sink(port_pipe, control):
    """The SMTP sink in a process of its own, so it shares no interpreter lock with a sender."""
    import logging

    from tests.smtp_sink import SmtpSink

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    with SmtpSink(parse=False) as sink:
        port_pipe.send(sink.port)
        while True:
            command = control.recv()
            if command == "counts":
                control.send(dict(sink.counts()))
            elif command == "told":
                # Each message goes to one recipient: (recipient, what it tells) -> how many.
                with sink.lock:
                    pairs = zip(sink.recipients, sink.messages, strict=True)
                    control.send(dict(Counter((to, _first_text_line(raw)) for to, raw in pairs)))
            elif command == "reset":
                with sink.lock:
                    sink.messages.clear()
                    sink.recipients.clear()
                control.send(True)
            else:
                control.send(True)
                return


class Sink:
    """An SMTP sink on 127.0.0.1 (aiosmtpd) in a process of its own, asked over a pipe."""

    def __init__(self):
        port_parent, port_child = multiprocessing.Pipe()
        self.control, control_child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(
            target=_run_sink, args=(port_child, control_child), daemon=True
        )
        self.process.start()
        self.port = port_parent.recv()

    def ask(self, command):
        self.control.send(command)
        return self.control.recv()

    def counts(self) -> Counter:
        return Counter(self.ask("counts"))

    def told(self) -> Counter:
        return Counter(self.ask("told"))

    def stop(self):
        self.ask("stop")
        self.process.join(timeout=10)


def address_of(connection) -> str:
    """The address a worker process reaches this Django connection's database at."""
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database: str, redis_db: int) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://portal.example.org",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database,
        "CACHE_URL": f"{REDIS}/{redis_db}",
        "CELERY_BROKER_URL": f"{REDIS}/{redis_db + 1}",
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
        # Every benchmark request comes from 127.0.0.1: lift the per-address sign-up limit.
        "NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR": "100000000",
        # … and the open-data API's per-address limit.
        "API_REQUESTS_PER_MINUTE": "100000000",
    }


class Gunicorn:
    """The portal under gunicorn with two sync workers, as in production."""

    def __init__(self, env: dict, workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env}
        self.workers = workers

    def __enter__(self):
        # Every run starts from an empty cache and queue: no counters or pages of an earlier one.
        for url in (self.env["CACHE_URL"], self.env["CELERY_BROKER_URL"]):
            redis.Redis.from_url(url).flushdb()
        manage("collectstatic", "--noinput", "-v0", env=self.env)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cih.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/bench/ok", timeout=1)  # noqa: S310 - loopback
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def probe(url: str, *headers: str) -> None:
    """Make sure a page answers 200 as this visitor before it is measured (no redirects)."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))  # noqa: S310 - loopback
    opener = urllib.request.build_opener(NoRedirect)
    status = opener.open(request, timeout=30).status  # noqa: S310 - loopback
    if status != 200:
        raise RuntimeError(f"{url} answered {status}, not 200")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")


def wrk(url: str, *, seconds: int = 5, connections: int = 8, headers=(), script=None) -> dict:
    """Throughput and latency of one URL under wrk from a second process on loopback."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    latency = {
        percent: _ms(value, unit)
        for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", output, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": round(float(WRK_LINE.search(output).group(1)), 1),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def _ms(value: str, unit: str) -> float:
    factor = {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return round(float(value) * factor, 2)
