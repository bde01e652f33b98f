"""Start a real `celery -A cih worker` on Redis against a given database and SMTP sink."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def start_worker(*, broker_url: str, database_url: str, email_url: str, log_path: Path,
                 concurrency: int = 2, name: str = "newsletter",
                 beat: bool = False) -> subprocess.Popen:  # fmt: skip
    """A worker; with `beat`, celery beat runs inside it (its schedule file beside the log)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cih.settings",
        "DEBUG": "false",
        "CELERY_BROKER_URL": broker_url,
        "DATABASE_URL": database_url,
        "EMAIL_URL": email_url,
    }
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process by the caller
    return subprocess.Popen(
        [
            str(CELERY),
            "-A",
            "cih",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            str(concurrency),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"{name}-{time.monotonic_ns()}@%h",
            "-l",
            "info",
            *(["--beat", "--schedule", str(log_path.with_suffix(".schedule"))] if beat else []),
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so a kill reaches every child
    )


def kill(worker: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(worker.pid, sig)
    except ProcessLookupError:
        return
    worker.wait(timeout=30)


def stop(worker: subprocess.Popen) -> None:
    """Warm shutdown, then a kill if it takes too long."""
    if worker.poll() is not None:
        return
    try:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        kill(worker)
    except ProcessLookupError:
        pass


def wait_for(condition, *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
