"""A backup made with scripts/backup restores into a fresh database with the data in it."""

import os
import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from tests.resilience.conftest import ROOT

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


def url_for(database_name: str) -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{database_name}"


def test_a_backup_restores_into_a_fresh_database(tmp_path, organisation, settings):
    assert connection.vendor == "postgresql", "backups are PostgreSQL dumps"
    logo_dir = tmp_path / "media" / "logos"
    logo_dir.mkdir(parents=True)
    (logo_dir / "logo.png").write_bytes(b"png")
    source = url_for(connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(tmp_path / "media")}
    dump = subprocess.run(
        [str(ROOT / "scripts" / "backup"), str(tmp_path / "backups")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()
    media = next((tmp_path / "backups").glob("cih-media-*.tar.gz"))

    fresh = f"restore_{uuid.uuid4().hex[:8]}"
    admin = url_for("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restored_media = tmp_path / "restored-media"
        subprocess.run(
            [str(ROOT / "scripts" / "restore"), dump, str(media)],
            env={**os.environ, "DATABASE_URL": url_for(fresh), "MEDIA_ROOT": str(restored_media)},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        with psycopg.connect(url_for(fresh)) as conn:
            names = [row[0] for row in conn.execute("SELECT name FROM actors_organisation")]
        assert names == ["Folkets Husby"]
        assert (restored_media / "logos" / "logo.png").read_bytes() == b"png"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
