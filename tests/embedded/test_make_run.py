"""The embedded default, taken the way a newcomer takes it after `make run`: the SQLite database
migrated and loaded with the demo, every page reachable by links requested as each demo login in
both languages, and the server and worker that `scripts/run` starts doing the long work."""

import datetime
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.smtp_sink import free_port

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-cih-2026"
PEOPLE = [
    "anonymous",
    "coordinator@demo.cih.se",
    "member@demo.cih.se",
    "treasurer@demo.cih.se",
    "evaluator@demo.cih.se",
    "admin@demo.cih.se",
]
# What the suite sets for itself; a newcomer's shell has none of it.
SUITE_ONLY = {
    "DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "PAGE_CACHE_URL", "EMAIL_URL", "SITE_URL",
    "DJANGO_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "MEDIA_ROOT",
}  # fmt: skip


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """The environment of `make run`, on a database of its own, migrated and seeded once."""
    folder = tmp_path_factory.mktemp("make-run")
    env = {key: value for key, value in os.environ.items() if key not in SUITE_ONLY}
    env |= {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "EMBEDDED_BROKER_DIR": str(folder / "broker"),
        "MEDIA_ROOT": str(folder / "media"),
    }
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert "Demo logins" in result.stdout or "demo" in result.stdout.lower()
    return env


@pytest.mark.parametrize("person", PEOPLE)
def test_every_page_answers_for_each_demo_login_in_both_languages(embedded, person):
    result = subprocess.run(
        [sys.executable, "-m", "tests.embedded.visit", person],
        cwd=ROOT,
        env=embedded,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    if person != "anonymous":
        assert seen["logged_in"], f"the demo login {person} did not reach the dashboard"
    assert seen["failures"] == []
    assert seen["languages"] == ["en", "sv"]
    assert seen["pages"] >= 60


class Visitor:
    """A browser without a screen: cookies, and the CSRF token of the last page it read."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        if data is not None:
            data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **data}).encode()
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 - ours
        try:
            with self.opener.open(request, timeout=60) as response:
                body = response.read().decode()
                status, url = response.status, response.geturl()
        except urllib.error.HTTPError as error:
            body, status, url = error.read().decode(), error.code, error.geturl()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        self.token = found.group(1) if found else self.token
        return status, url, body

    def log_in(self, email: str) -> None:
        self.open("/accounts/login/")
        status, url, _body = self.open(
            "/accounts/login/", {"login": email, "password": DEMO_PASSWORD}
        )
        assert status == 200 and url.endswith("/dashboard/"), (status, url)

    def poll(self, path: str, done, timeout: float = 90) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = json.loads(self.open(path)[2])
            if done(state):
                return state
            time.sleep(0.5)
        raise AssertionError(f"{path} still says {state} after {timeout} s")


@pytest.fixture
def served(embedded):
    """`scripts/run`, as `make run` calls it: runserver with a worker and beat beside it."""
    port = free_port()
    log = Path(embedded["EMBEDDED_BROKER_DIR"]).parent / f"run-{port}.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["sh", "scripts/run"],
            cwd=ROOT,
            env={**embedded, "PORT": str(port), "WORKER_LOGLEVEL": "info"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=5)  # noqa: S310 - our own server
                break
            except OSError:
                time.sleep(0.5)
        yield base, log
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_the_worker_beside_the_web_server_makes_reports_sends_editions_and_mails(served):
    base, log = served
    # Health tells of the broker and the worker that are really there.
    health = Visitor(base).poll("/healthz/full", lambda h: h["status"] == "ok", timeout=60)
    assert health["checks"]["broker"] == {"ok": True, "kind": "embedded"}
    assert health["checks"]["worker"]["workers"] == 1
    evaluator = Visitor(base)
    evaluator.log_in("evaluator@demo.cih.se")
    evaluator.open("/reports/")
    today = datetime.date.today()
    status, url, body = evaluator.open(
        "/reports/new/",
        {
            "kind": "period",
            "start": today.replace(month=1, day=1).isoformat(),
            "end": today.isoformat(),
            "language": "sv",
        },
    )
    report = re.search(r"/reports/(\d+)/$", url).group(1)
    state = evaluator.poll(f"/reports/{report}/status/", lambda s: s["status"] == "ready")
    assert state["pages"] > 1
    download = evaluator.opener.open(base + state["download_url"], timeout=60).read()
    assert download.startswith(b"%PDF")

    coordinator = Visitor(base)
    coordinator.log_in("coordinator@demo.cih.se")
    coordinator.open("/newsletter/editions/new/")
    status, url, _body = coordinator.open(
        "/newsletter/editions/new/",
        {"subject_sv": "Nytt från Husby", "body_sv": "Hej!", "audience": "all"},
    )
    edition = re.search(r"/newsletter/editions/(\d+)/$", url).group(1)
    coordinator.open(f"/newsletter/editions/{edition}/send/", {"confirm": "yes"})
    progress = coordinator.poll(
        f"/newsletter/editions/{edition}/progress/", lambda p: p["pending"] == 0
    )
    assert progress["sent"] == progress["total"] > 0

    resident = Visitor(base)
    resident.open("/ideas/new/")
    status, url, _body = resident.open(
        "/ideas/new/", {"title": "Utegym", "text": "Vid skolan", "email": "amina@example.org"}
    )
    assert status == 200 and url.endswith("/ideas/sent/")
    deadline = time.monotonic() + 30
    while "amina@example.org" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)

    output = log.read_text()
    for task in ("reports.tasks.render_report", "newsletter.tasks.deliver_batch"):
        assert re.search(rf"Task {re.escape(task)}\[[\w-]+\] succeeded", output), task
    assert "To: amina@example.org" in output  # the idea's confirmation, printed by the worker
    # Its link leads to the server that sent it, on the port it was started on.
    assert re.search(rf"{re.escape(base)}/\S*ideas/confirm/", output), output
    assert "127.0.0.1:8000" not in output
    # Nothing a newcomer could not act on; what the worker prints is not a warning.
    for noise in ("No hostname was supplied", "only supported for Redis", "WARNING/MainProcess"):
        assert noise not in output, noise


@pytest.fixture
def recording_venv(tmp_path):
    """A virtualenv whose python and celery only write down the SITE_URL they were given."""
    bin_ = tmp_path / "venv" / "bin"
    bin_.mkdir(parents=True)
    calls = tmp_path / "calls"
    # The worker starts in the background; the server waits for it to have written its line, as
    # the real one outlives it, or the worker would be stopped before it wrote.
    wait_for_worker = (
        f'[ "$2" = runserver ] && for _ in $(seq 100); do '
        f'grep -q "^celery" "{calls}" 2>/dev/null && break; sleep 0.1; done\n'
    )
    # Beside each call, its whole command line and the database it was given.
    full = f'echo "{{program}} $* | $DATABASE_URL" >> "{calls}.full"\n'
    for program, then in (("python", wait_for_worker), ("celery", "")):
        (bin_ / program).write_text(
            f'#!/bin/sh\necho "{program} $1 $2 $SITE_URL" >> "{calls}"\n'
            + full.format(program=program)
            + f"{then}exit 0\n"
        )
        (bin_ / program).chmod(0o755)
    (bin_.parent / ".installed").touch()
    return bin_.parent, calls


def make_run(venv, *arguments: str, **environment: str | None) -> None:
    """`make run` on port 8765 with the recording virtualenv, in a newcomer's environment and
    `environment`."""
    env = {key: value for key, value in os.environ.items() if key not in SUITE_ONLY}
    env |= {key: value for key, value in environment.items() if value}
    result = subprocess.run(
        ["make", "--no-print-directory", "run", "PORT=8765", f"VENV={venv}", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Serving on http://127.0.0.1:8765/" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [(None, "http://127.0.0.1:8765"), ("https://husby.example.org", "https://husby.example.org")],
)
def test_make_run_links_mails_to_its_port_unless_site_url_is_set(
    recording_venv, site_url, expected
):
    venv, calls = recording_venv
    make_run(venv, SITE_URL=site_url)
    # migrate, compilemessages, seed_demo, the worker and runserver: all with one address.
    seen = calls.read_text().splitlines()
    assert sorted(line.split()[:3] for line in seen) == [
        ["celery", "--quiet", "-A"],
        ["python", "manage.py", "compilemessages"],
        ["python", "manage.py", "migrate"],
        ["python", "manage.py", "runserver"],
        ["python", "manage.py", "seed_demo"],
    ]
    assert {line.split()[-1] for line in seen} == {expected}


@pytest.mark.parametrize(
    ("collaboration", "database"),
    [
        (None, ""),
        ("husby", ""),
        ("helsingborg", "/helsingborg.sqlite3"),
        ("malmo", "/malmo.sqlite3"),
    ],
)
def test_make_run_serves_each_collaborations_demo_from_its_own_database(
    recording_venv, collaboration, database
):
    venv, calls = recording_venv
    make_run(venv, *([f"COLLABORATION={collaboration}"] if collaboration else []))
    seen = Path(f"{calls}.full").read_text().splitlines()
    assert f"python manage.py seed_demo --collaboration {collaboration or 'husby'} | " in {
        line.rsplit("|", 1)[0] + "| " for line in seen
    }
    # Husby's demo stays in the default db.sqlite3; another's has a file of its own, for
    # migrate, the demo, the worker and the server alike.
    databases = {line.rsplit("| ", 1)[-1] for line in seen}
    assert databases == ({f"sqlite:///{ROOT}{database}"} if database else {""})
