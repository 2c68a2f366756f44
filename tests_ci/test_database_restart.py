"""A real PostgreSQL restart under a running gunicorn: 503s during, recovery after.

It stops and starts the database server itself, so `.ci/run` runs it on CI's own
machine after the main suite (`make test-db-restart`); it is not part of `make test`.
HLP_PG_CLUSTER ("<version> <name>", default: the machine's only cluster, main) says
which cluster to restart; DATABASE_URL must point at that cluster's server.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent


def cluster():
    if os.environ.get("HLP_PG_CLUSTER"):
        return os.environ["HLP_PG_CLUSTER"].split()
    versions = sorted(os.listdir("/etc/postgresql"))
    return [versions[-1], "main"]


def pg_ctl(action):
    version, name = cluster()
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True, timeout=120)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return None, str(error)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.fail("DATABASE_URL must name the PostgreSQL server to restart")
    base = dj_database_url.parse(url)
    name = f"hlp_restart_{uuid.uuid4().hex[:8]}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    site_url = url.rsplit("/", 1)[0] + f"/{name}"
    env = {
        **os.environ,
        "DATABASE_URL": site_url,
        "DJANGO_SETTINGS_MODULE": "hlp_site.settings.test",
    }
    for command in (["migrate", "--noinput"], ["load_demo_content"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
    yield env
    if not server_up(base):
        pg_ctl("start")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def server_up(db):
    result = subprocess.run(
        ["pg_isready", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)],
        capture_output=True,
    )
    return result.returncode == 0


@pytest.fixture
def gunicorn(site_database):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "hlp_site.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=site_database,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        if fetch(base + "/")[0] == 200:
            break
        time.sleep(0.2)
    yield process, base
    process.terminate()
    process.wait(timeout=20)


def test_database_restart(gunicorn):
    process, base = gunicorn
    for _ in range(10):  # both workers hold open connections
        assert fetch(base + "/news/")[0] == 200

    pg_ctl("stop")
    try:
        for url in ["/news/", "/our-work/mental-health/", "/", "/search/?q=health"]:
            status, html = fetch(base + url)
            assert status == 503, (url, status, html[:500])
            assert "Sorry, the service is unavailable" in html
            assert "Traceback" not in html
    finally:
        pg_ctl("start")

    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline:
        status, _ = fetch(base + "/news/")
        if status == 200:
            break
        time.sleep(0.5)
    assert status == 200, "the site did not recover after the database came back"
    for _ in range(10):
        assert fetch(base + "/our-work/mental-health/")[0] == 200
    assert process.poll() is None  # the same gunicorn, never restarted
