"""The page cache across processes, on a real server: two gunicorn workers, each with its
own local-memory cache, and a third process that unpublishes a post. No request that
starts after the unpublish has committed gets the old page, from any worker."""

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import PROJECT_DIR, ServerDatabase

REVIEW = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"
LISTING = "/news/?type=blog&year=2018"
TITLE = b"Partners working together to improve health and care in 2018"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("X-Page-Cache")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("processes")
    database = ServerDatabase(folder)
    if database.postgres:
        database.name = database.name.replace("_browser", "_processes")
        database.url = database.url.replace("_browser", "_processes")
    database.create()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "PYTEST_CURRENT_TEST"}
    }
    env.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE="hlp_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE="true",
        MEDIA_ROOT=str(folder / "media"),
    )

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)

    manage("migrate", "--noinput", "--verbosity=0")
    manage("load_demo_content", "--verbosity=0")
    manage("collectstatic", "--noinput", "--verbosity=0")
    port = free_port()
    server = subprocess.Popen(
        [str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"), "hlp_site.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=PROJECT_DIR,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            fetch(base + "/")
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    yield base, manage
    server.terminate()
    server.wait(timeout=30)
    database.drop()


def test_an_unpublish_is_never_followed_by_the_old_page(site):
    base, manage = site
    # Both workers have the post and the listing stored.
    for _ in range(20):
        assert fetch(base + REVIEW)[0] == 200
        fetch(base + LISTING)
    assert fetch(base + REVIEW)[2] == "hit"

    results, stop = [], threading.Event()

    def read_repeatedly(path):
        while not stop.is_set():
            started = time.monotonic()
            status, body, _ = fetch(base + path)
            results.append((path, started, status, TITLE in body))

    readers = [
        threading.Thread(target=read_repeatedly, args=(path,))
        for path in (REVIEW, REVIEW, LISTING, LISTING)
    ]
    for reader in readers:
        reader.start()
    time.sleep(1)
    manage(
        "shell",
        "-c",
        "from news.models import ArticlePage; "
        f"ArticlePage.objects.get(url_path__endswith='{REVIEW.split('/')[-2]}/').unpublish()",
    )
    committed = time.monotonic()  # the unpublishing process has exited
    time.sleep(2)
    stop.set()
    for reader in readers:
        reader.join()

    before = [r for r in results if r[1] < committed - 0.5]
    after = [r for r in results if r[1] > committed]
    assert any(status == 200 and shows for path, _, status, shows in before if path == REVIEW)
    assert len(after) > 20
    for path, _, status, shows_title in after:
        if path == REVIEW:
            assert status == 404
        else:
            assert status == 200 and not shows_title
