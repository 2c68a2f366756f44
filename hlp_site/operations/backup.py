"""Back up and restore the whole site: the database and the uploaded media, one archive.

PostgreSQL goes through pg_dump/pg_restore (custom format), SQLite through its online
backup API, so a backup can be taken while the site is serving.
"""

import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _engine(db_settings):
    engine = db_settings["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def _pg_url(db):
    """A libpq connection URL for pg_dump / pg_restore."""
    from urllib.parse import quote

    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{auth}{db.get('HOST') or ''}{port}/{quote(db['NAME'])}"


def _run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def create_backup(output, media_root=None):
    """Write a .tar.gz holding manifest.json, the database dump and media/. Returns the manifest."""
    db = settings.DATABASES["default"]
    engine = _engine(db)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database.dump"
        if engine == "postgresql":
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={dump}",
                    f"--dbname={_pg_url(db)}",
                ]
            )
        else:
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            with target:
                connection.connection.backup(target)
            target.close()
        manifest = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created": timezone.now().isoformat(),
            "counts": content_counts(),
        }
        partial = output.with_suffix(output.suffix + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname="database.dump")
            if media_root.exists():
                archive.add(media_root, arcname="media")
        partial.replace(output)  # never leave a half-written archive under the real name
    return manifest


def content_counts():
    from wagtail.models import Page, Revision

    return {"pages": Page.objects.count(), "revisions": Revision.objects.count()}


def read_manifest(archive_path):
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            manifest = json.load(member)
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as error:
        raise BackupError(f"{archive_path} is not a site backup: {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unsupported backup format {manifest.get('format')!r}.")
    return manifest


def restore_backup(archive_path, database_url=None, media_root=None, force=False):
    """Restore an archive into a database (the configured one unless database_url is given)."""
    manifest = read_manifest(archive_path)
    db = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
    engine = _engine(db)
    if engine != manifest["engine"]:
        raise BackupError(f"The backup is of a {manifest['engine']} database, not {engine}.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        dump = Path(work) / "database.dump"
        if engine == "postgresql":
            if not force and _pg_has_tables(db):
                raise BackupError("The target database is not empty; use --force to replace it.")
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--clean",
                    "--if-exists",
                    "--exit-on-error",
                    f"--dbname={_pg_url(db)}",
                    str(dump),
                ]
            )
        else:
            target = Path(db["NAME"])
            if target.exists() and target.stat().st_size and not force:
                raise BackupError(f"{target} exists; use --force to replace it.")
            # Through SQLite, not a file copy: a WAL file left beside the old database
            # would otherwise be replayed onto the restored one.
            with closing(sqlite3.connect(dump)) as source, closing(sqlite3.connect(target)) as dest:
                source.backup(dest)
        media = Path(work) / "media"
        if media.exists():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest


def _pg_has_tables(db):
    import psycopg

    with psycopg.connect(_pg_url(db)) as conn:
        row = conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        ).fetchone()
    return row[0] > 0
