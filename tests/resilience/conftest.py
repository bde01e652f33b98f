"""Real services started and stopped by the tests themselves, on private ports of 127.0.0.1,
so stopping one never disturbs the shared PostgreSQL and Redis the rest of the suite uses."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from cih.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=15.0, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


class RedisServer:
    """A redis-server of our own that a test can stop and start again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        assert wait_for(lambda: self._ping(client)), "the private redis-server did not start"

    @staticmethod
    def _ping(client):
        try:
            return client.ping()
        except redis.RedisError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_broker(private_redis):
    """Tasks published to the private Redis, as in production, instead of run in-process."""
    urls = ("broker_url", "broker_read_url", "broker_write_url")
    saved = {name: celery_app.conf[name] for name in urls}

    def use(**conf):
        celery_app.conf.update(conf)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    use(task_always_eager=False, **dict.fromkeys(urls, private_redis.url))
    yield private_redis
    use(task_always_eager=True, **saved)


@pytest.fixture
def worker_args(private_broker, tmp_path) -> dict:
    """What `tests.newsletter.worker.start_worker` needs for a worker on the private Redis and
    the test database, writing to the test's folder; the mail server is the test's to name."""
    database = connection.settings_dict
    return {
        "broker_url": private_broker.url,
        "database_url": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "log_path": tmp_path / "worker.log",
    }


@pytest.fixture
def start_worker(private_redis, settings):
    """Start `celery worker` processes against the private Redis and the test database."""
    started = []
    database = settings.DATABASES["default"]

    def start(heartbeat_seconds="0.5"):
        env = {
            **os.environ,
            "CELERY_BROKER_URL": private_redis.url,
            "DATABASE_URL": (
                f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
            ),
            "WORKER_HEARTBEAT_SECONDS": heartbeat_seconds,
            "DJANGO_ENV": "test",
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cih",
                "worker",
                "--concurrency=1",
                "--pool=prefork",
                "--loglevel=warning",
                f"--hostname=test-{len(started)}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class PostgresServer:
    """A PostgreSQL cluster of our own in a temporary directory, stopped and started on one port."""

    def __init__(self):
        self.port = free_port()
        # Not pytest's tmp_path: the `postgres` user must be able to reach it, and the socket path
        # must stay short.
        self.directory = Path(tempfile.mkdtemp(prefix="cih-pg-"))
        self.data = self.directory / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create(self):
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(
            "initdb",
            "--auth=trust",
            "--username=postgres",
            "--no-locale",
            "--encoding=UTF8",
            "--no-sync",
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.directory}'\n"
                # Durability buys nothing in a cluster that lives for one test.
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )

    def start(self):
        self._run(
            "pg_ctl", "--wait", "--timeout=30", f"--log={self.directory / 'server.log'}", "start"
        )

    def stop(self, mode: str = "fast"):
        self._run("pg_ctl", "--wait", f"--mode={mode}", "stop")

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "--mode=immediate", "stop", check=False)
        shutil.rmtree(self.directory, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True):
        # PostgreSQL refuses to run as root, so a root test hands the cluster to `postgres`.
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*as_postgres, str(PG_BIN / program), f"--pgdata={self.data}", *args],
            cwd=self.directory,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if check:
            assert result.returncode == 0, f"{program} {' '.join(args)}: {result.stderr}"


@pytest.fixture
def private_postgres():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL server binaries in {PG_BIN}")
    server = PostgresServer()
    try:
        server.create()
        server.start()
        yield server
    finally:
        server.destroy()


class SiteServer:
    """The portal under gunicorn on a private port, with the environment the test gives it."""

    def __init__(self, env: dict, log: Path, workers: int = 1):
        self.port = free_port()
        self.env = env
        self.log = log
        self.workers = workers
        self.process = None

    def start(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "cih.wsgi", f"--workers={self.workers}"]
                + [f"--bind=127.0.0.1:{self.port}", "--timeout=20", "--log-level=warning"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        assert wait_for(self._answers, timeout=30), f"gunicorn did not start:\n{self.output()}"

    def _answers(self) -> bool:
        try:
            self.get("/healthz", timeout=1)
        except OSError:
            return False
        return True

    def get(self, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
        """Status and body, with no redirect followed; a hung site raises TimeoutError."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def worker_pids(self) -> set[int]:
        """The master's children; a worker that died and was replaced shows up as a new id."""
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == self.process.pid:
                pids.add(int(stat.parent.name))
        return pids

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
