"""`make backup` / `make restore`: a round trip brings back the same site."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from hlp_site.operations.backup import _pg_url, create_backup

pytestmark = pytest.mark.django_db

REVIEW_URL = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"

# Run in a fresh interpreter against the restored database: counts and one rendered page.
PROBE = """
import json, django
django.setup()
from django.test import Client
from wagtail.models import Page, Revision
html = Client().get(%r).content.decode()
print(json.dumps({"pages": Page.objects.count(), "revisions": Revision.objects.count(),
                  "html": html}))
"""


@pytest.fixture
def target_database(tmp_path):
    """An empty database of the same engine as the one under test, dropped afterwards."""
    db = settings.DATABASES["default"]
    if "sqlite" in db["ENGINE"]:
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"hlp_restore_{uuid.uuid4().hex[:10]}"
    admin = _pg_url({**db, "NAME": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    yield _pg_url({**db, "NAME": name})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def probe(database_url, media_root):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "hlp_site.settings.test",
        "MEDIA_ROOT": str(media_root),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE % REVIEW_URL],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_backup_and_restore_round_trip(client, tmp_path, target_database):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.dump"} <= set(names)
    assert any(name.startswith("media/images/") for name in names)

    restored_media = tmp_path / "media"
    call_command(
        "restore_site",
        str(archive),
        database_url=target_database,
        media_root=str(restored_media),
        stdout=io.StringIO(),
    )
    restored = probe(target_database, restored_media)
    assert restored["pages"] == Page.objects.count()
    assert restored["revisions"] == Revision.objects.count()
    original_html = client.get(REVIEW_URL).content.decode()
    assert "Partners working together" in restored["html"]
    assert restored["html"] == original_html
    assert any(restored_media.glob("original_images/*"))


def test_restore_refuses_a_database_with_content(tmp_path, target_database):
    archive = tmp_path / "site.tar.gz"
    create_backup(archive)
    call_command(
        "restore_site",
        str(archive),
        database_url=target_database,
        media_root=str(tmp_path / "m"),
        stdout=io.StringIO(),
    )
    with pytest.raises(CommandError, match="force"):
        call_command(
            "restore_site",
            str(archive),
            database_url=target_database,
            media_root=str(tmp_path / "m"),
        )


@pytest.mark.parametrize("content", [b"", b"\x00\x01not an archive", b"plain text"])
def test_restore_rejects_a_file_that_is_not_a_backup(tmp_path, content, target_database):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(content)
    with pytest.raises(CommandError, match="not a site backup"):
        call_command("restore_site", str(bogus), database_url=target_database)


def test_restore_rejects_a_missing_file(target_database):
    with pytest.raises(CommandError, match="not a site backup"):
        call_command("restore_site", "/nonexistent/backup.tar.gz", database_url=target_database)


def test_sqlite_restore_over_a_database_in_wal_mode(tmp_path):
    """SQLite runs in WAL mode (settings): restoring over a database whose WAL still holds
    writes must give the backup's rows, not the old ones replayed onto them. (A small
    SQLite backup of its own, so this runs whatever database the suite is on.)"""
    import sqlite3

    from hlp_site.operations.backup import FORMAT_VERSION

    dump = tmp_path / "database.dump"
    with closing(sqlite3.connect(dump)) as source:
        source.execute("CREATE TABLE note (text text)")
        source.execute("INSERT INTO note VALUES ('from the backup')")
        source.commit()
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "format": FORMAT_VERSION,
                "engine": "sqlite",
                "created": "2026-11-25T12:00:00+00:00",
                "counts": {"pages": 0, "revisions": 0},
            }
        )
    )
    archive = tmp_path / "site.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, arcname="manifest.json")
        tar.add(dump, arcname="database.dump")

    target = tmp_path / "old.sqlite3"
    old = sqlite3.connect(target)
    old.execute("PRAGMA journal_mode=WAL")
    old.execute("PRAGMA wal_autocheckpoint=0")
    old.execute("CREATE TABLE note (text text)")
    old.execute("INSERT INTO note VALUES ('from the old database')")
    old.commit()
    assert (tmp_path / "old.sqlite3-wal").stat().st_size > 0  # writes still in the WAL
    call_command(
        "restore_site",
        str(archive),
        database_url=f"sqlite:///{target}",
        media_root=str(tmp_path / "m"),
        force=True,
        stdout=io.StringIO(),
    )
    old.close()
    with closing(sqlite3.connect(target)) as restored:
        assert [row[0] for row in restored.execute("SELECT text FROM note")] == ["from the backup"]
