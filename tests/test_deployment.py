"""Production settings pass the deployment checks; docker-compose.yml runs the whole service."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "cih.example.org",
    "SITE_URL": "https://cih.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_silent_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


@pytest.mark.parametrize("site_url", ["", "http://cih.example.org"])
def test_production_refuses_to_start_without_its_https_public_address(site_url):
    result = manage("check", **{**PRODUCTION, "SITE_URL": site_url})
    assert result.returncode != 0
    assert "SITE_URL must be the portal's https:// address in production" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "short-but-random-Xq8v2Lr9",  # under 50 characters
        "ab" * 30,  # long, but of two characters
        "django-insecure-" + "k3Jx9qPz" * 6,  # Django's mark of a generated development key
    ],
)
def test_production_refuses_to_start_with_a_weak_secret_key(key):
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters long" in result.stderr


def test_a_boolean_setting_that_is_neither_yes_nor_no_is_refused():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_seed_demo_refuses_to_run_in_production():
    result = manage("seed_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "not in production" in result.stderr


def test_docker_compose_runs_every_part_of_the_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis", "cache"}
    assert "gunicorn cih.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A cih worker")
    assert services["beat"]["command"].startswith("celery -A cih beat")
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["DJANGO_ENV"] == "production"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert (ROOT / services["web"]["build"] / "Dockerfile").exists()


def redis_options(service: dict) -> dict[str, str]:
    """`redis-server --name value ...` as {name: value}."""
    program, *words = shlex.split(service["command"])
    assert program == "redis-server"
    return dict(zip(words[::2], words[1::2], strict=True))


def test_docker_compose_keeps_the_cache_apart_from_the_broker():
    """A flood of cached pages can neither fill the broker's memory nor evict its jobs."""
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    cache, broker = redis_options(services["cache"]), redis_options(services["redis"])
    assert cache["--maxmemory"].endswith("mb") and int(cache["--maxmemory"][:-2]) > 0
    assert cache["--maxmemory-policy"] == "allkeys-lru"
    assert (cache["--save"], cache["--appendonly"]) == ("", "no")
    assert "volumes" not in services["cache"]
    assert broker["--maxmemory-policy"] == "noeviction"
    assert broker["--appendonly"] == "yes"
    assert services["redis"]["volumes"] == ["redisdata:/data"]
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["CACHE_URL"].startswith("redis://cache:")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")
        assert services[name]["depends_on"]["cache"]["condition"] == "service_healthy"


def test_docker_compose_config_validates(tmp_path):
    """Debian's docker-compose reads the file the way a deployment would."""
    (tmp_path / "docker-compose.yml").write_text((ROOT / "docker-compose.yml").read_text())
    (tmp_path / ".env").write_text("POSTGRES_PASSWORD=secret\nSECRET_KEY=k\nALLOWED_HOSTS=h\n")
    result = subprocess.run(
        ["docker-compose", "config", "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_static_files_collect_for_production():
    """The manifest storage of production resolves every reference in the shipped files."""
    result = manage("collectstatic", "--noinput", "-v0", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_runserver_keeps_no_database_connection_between_requests():
    """Each runserver request has a thread of its own; a connection kept per thread would pile
    up until PostgreSQL refuses more. gunicorn's workers keep theirs."""
    probe = (
        "import sys; sys.argv = ['manage.py', {command!r}]; import django; django.setup(); "
        "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    ages = {}
    for command in ("runserver", "check"):
        result = subprocess.run(
            [sys.executable, "-c", probe.format(command=command)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": "postgres://u@127.0.0.1:5432/cih"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        ages[command] = result.stdout.strip()
    assert ages == {"runserver": "0", "check": "60"}
