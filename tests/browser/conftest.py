"""A real site server and a real Chromium for the browser tests.

pytest-django's `live_server` needs `transactional_db`, which flushes the database after
each test and would wipe the demo content the rest of the suite shares. So these tests
start their own server process (`runserver --noreload`, test settings, DEBUG off) on its
own database: a SQLite file in a temporary folder, or, when DATABASE_URL names a
PostgreSQL database, a sibling database `<name>_browser` made and dropped here. The
server's database gets the migrations, the demo content and an admin login once per run.

Chromium is Debian's /usr/bin/chromium, never a browser downloaded by a test tool. Where
it is missing the tests skip, or fail when HLP_REQUIRE_BROWSER=1 (CI sets it).
"""

import contextlib
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # the tests may run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No calls home: the tests run on a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PORTS = range(8130, 8140)
PROJECT_DIR = Path(__file__).resolve().parents[2]
SERVER_SETTINGS = "tests.browser.server_settings"
ADMIN_USERNAME = "browser-admin"

DESKTOP = {"width": 1280, "height": 800}
# WCAG 1.4.10 Reflow's width: content must fit 320 CSS pixels without sideways scrolling.
MOBILE = {"width": 320, "height": 640}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}

# Every image in the viewport has loaded (lazy ones load as they come into view).
IMAGES_IN_VIEW_LOADED = """() => Array.from(document.images)
  .filter((image) => {
    const box = image.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight && box.width > 0;
  })
  .every((image) => image.complete && image.naturalWidth > 0)"""


@dataclass
class LiveSite:
    url: str
    admin_username: str
    admin_password: str

    def __call__(self, path):
        return self.url + path


def pytest_collection_modifyitems(items):
    """Run the editor journey after the other browser tests: its new post joins listings."""
    browser_positions = [i for i, item in enumerate(items) if item.get_closest_marker("browser")]
    browser_items = [items[i] for i in browser_positions]
    browser_items.sort(key=lambda item: item.get_closest_marker("editor") is not None)
    for position, item in zip(browser_positions, browser_items, strict=True):
        items[position] = item


@pytest.fixture(scope="package")
def chromium_executable():
    if CHROMIUM.exists():
        return str(CHROMIUM)
    message = f"Chromium not found at {CHROMIUM} (install it with `apt-get install chromium`)"
    if os.environ.get("HLP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message}; HLP_REQUIRE_BROWSER=1 makes this a failure", pytrace=False)
    pytest.skip(message)


class ServerDatabase:
    """The server's own database: SQLite in `folder`, or a PostgreSQL sibling of DATABASE_URL."""

    def __init__(self, folder):
        base_url = os.environ.get("DATABASE_URL", "")
        self.postgres = dj_database_url.parse(base_url) if base_url.startswith("postgres") else None
        if self.postgres:
            self.name = f"{self.postgres['NAME']}_browser"
            parts = urlsplit(base_url)
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        else:
            self.url = f"sqlite:///{folder / 'browser.sqlite3'}"

    def _admin(self, sql):
        import psycopg
        from psycopg import sql as pgsql

        settings = self.postgres
        with psycopg.connect(
            dbname="postgres",
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            user=settings["USER"] or None,
            password=settings["PASSWORD"] or None,
            autocommit=True,
        ) as connection:
            connection.execute(pgsql.SQL(sql).format(pgsql.Identifier(self.name)))

    def create(self):
        if self.postgres:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            self._admin("CREATE DATABASE {}")

    def drop(self):
        if self.postgres:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def _free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1} for the site server")


def _wait_until_serving(url, server, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        # Refused, reset or timed out: not serving yet.
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=10) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    log = log_path.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"the site server did not start at {url}; its log ends:\n{log}")


@pytest.fixture(scope="package")
def mail_server():
    """The SMTP server the site server sends its email to (tests/browser/mailbox.py)."""
    from .mailbox import start

    mailbox, controller = start()
    yield mailbox
    controller.stop()


@pytest.fixture(scope="package")
def live_site(chromium_executable, tmp_path_factory, mail_server):
    folder = tmp_path_factory.mktemp("browser-site")
    database = ServerDatabase(folder)
    password = secrets.token_urlsafe(16)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DATABASE_URL": database.url,
        "HLP_BROWSER_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SUPERUSER_PASSWORD": password,
        "PYTHONUNBUFFERED": "1",
        "HLP_BROWSER_SMTP_PORT": str(mail_server.port),
    }

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)

    database.create()
    server = None
    log_path = folder / "server.log"
    try:
        manage("migrate", "--noinput", "--verbosity=0")
        manage("load_demo_content", "--verbosity=0")
        manage(
            "shell",
            "--verbosity=0",
            "--command=from tests.browser.site_setup import prepare; prepare()",
        )
        manage(
            "createsuperuser",
            "--noinput",
            f"--username={ADMIN_USERNAME}",
            "--email=browser-admin@example.org",
        )
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=PROJECT_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_until_serving(url + "/", server, log_path)
        yield LiveSite(url=url, admin_username=ADMIN_USERNAME, admin_password=password)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        database.drop()


@pytest.fixture(scope="package")
def browser(chromium_executable):
    # Imported here: the sync API runs an event loop while active, and Django refuses ORM
    # calls from inside one, so the browser lives only while this package's tests run.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _new_page(browser, live_site, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_site.url)
    # Nothing but the site itself: a page must not need the network to work (the demo
    # videos' YouTube frames simply stay empty).
    own_origin = re.escape(live_site.url)
    context.route(re.compile(rf"^(?!{own_origin}/)"), lambda route: route.abort())
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def open_page(browser, live_site):
    """A factory of fresh pages (each in its own context) at a named viewport."""
    contexts = []

    def factory(viewport="desktop"):
        context, page = _new_page(browser, live_site, VIEWPORTS[viewport])
        contexts.append(context)
        return page

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page("desktop")
