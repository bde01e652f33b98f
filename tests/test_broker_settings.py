"""Each broker gets the settings it understands, so the worker of `make run` has nothing to warn
of that a newcomer could not act on, and what a task prints is not shown as a warning."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Celery's configuration as a worker reads it, and what kombu logs while it connects.
PROBE = """
import json, logging, sys
logging.basicConfig(stream=sys.stderr)
import django
django.setup()
from cih.celery import app
app.connection_for_write().as_uri()
conf = app.conf
print(json.dumps({
    "broker_url": conf.broker_url,
    "disable_prefetch": conf.worker_disable_prefetch,
    "transport_options": conf.broker_transport_options,
    "redirect_level": conf.worker_redirect_stdouts_level,
    "redirected_shown_at": logging.getLogger("celery.redirected").getEffectiveLevel(),
}))
"""


def celery_conf(tmp_path, **env) -> tuple[dict, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ENV", "CELERY_BROKER_URL", "DATABASE_URL", "EMBEDDED_BROKER_DIR"}
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "cih.settings",
            "DATABASE_URL": "sqlite:///:memory:",
            "EMBEDDED_BROKER_DIR": str(tmp_path / "broker"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1]), result.stderr


def test_the_embedded_broker_of_make_run_gets_nothing_only_redis_understands(tmp_path):
    conf, logged = celery_conf(tmp_path)
    assert conf["broker_url"].startswith("filesystem://")
    assert conf["disable_prefetch"] is False
    assert "visibility_timeout" not in conf["transport_options"]
    assert conf["transport_options"]["data_folder_in"] == str(tmp_path / "broker" / "queue")
    assert "No hostname was supplied" not in logged


def test_a_redis_broker_keeps_its_visibility_timeout_and_takes_no_message_ahead(tmp_path):
    conf, _logged = celery_conf(tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:6379/9")
    assert conf["disable_prefetch"] is True
    assert conf["transport_options"]["visibility_timeout"] == 50


def test_what_a_task_prints_is_shown_as_information_even_when_only_warnings_are(tmp_path):
    conf, _logged = celery_conf(tmp_path)
    assert conf["redirect_level"] == "INFO"
    assert conf["redirected_shown_at"] == 20  # logging.INFO, whatever level the worker logs at
