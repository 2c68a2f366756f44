"""The site keeps answering when Redis or the database fails, and recovers by itself."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisProcess:
    """A real Redis server of the test's own, so it can be stopped without harm to others."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_cache(settings):
    server = RedisProcess()
    server.start()
    # As in production (hlp_site/settings/base.py with REDIS_URL).
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    yield server, caches["default"]
    if server.process.poll() is None:
        server.stop()


def test_site_answers_while_redis_is_down_and_recovers(client, redis_cache):
    server, cache = redis_cache
    assert client.get("/").status_code == 200
    cache.set("probe", "up")
    assert cache.get("probe") == "up"

    server.stop()
    started = time.monotonic()
    for url in ["/", "/news/?type=blog", "/our-work/mental-health/", "/search/?q=health"]:
        assert client.get(url).status_code == 200, url
    assert time.monotonic() - started < 10  # refused connections fail fast
    assert cache.get("probe") is None
    cache.set("probe", "down")  # no exception
    assert cache.get_many(["a", "b"]) == {}
    assert not cache.add("new", 1)

    server.start()  # same port: the client reconnects by itself
    cache.set("probe", "back")
    assert cache.get("probe") == "back"
    assert client.get("/").status_code == 200


def test_database_errors_give_a_friendly_503():
    """The page a visitor sees while the database is unreachable (the real restart is
    exercised against the machine's PostgreSQL by tests_ci/test_database_restart.py)."""

    def database_gone(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(database_gone):
        response = client.get("/news/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "Traceback" not in html
    assert client.get("/news/").status_code == 200  # and back as soon as it returns


def test_other_errors_still_give_the_500_page(monkeypatch):
    from news.models import NewsIndexPage

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(NewsIndexPage, "get_context", broken)
    response = Client(raise_request_exception=False).get("/news/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_publish_while_redis_is_down_takes_effect_when_it_returns(
    client, redis_cache, settings, caplog
):
    """The change is recorded with the content, in the database: pages stored before it
    are never served after it, whatever Redis missed."""
    from news.models import ArticlePage

    settings.HLP_PAGE_CACHE = True
    server, cache = redis_cache
    post = ArticlePage.objects.live().order_by("-date").first()
    url = post.url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    server.stop()
    post.unpublish()  # the admin keeps working with Redis down
    assert client.get(url).status_code == 404
    assert any("redis" in record.getMessage().lower() for record in caplog.records) or any(
        record.exc_info for record in caplog.records
    )
    server.start()  # same port; Redis has no memory of the change, or of anything

    assert client.get(url).status_code == 404
    listing = client.get("/news/")
    assert listing["X-Page-Cache"] == "miss"
    assert post.title.encode() not in listing.content


def test_pages_redis_still_holds_are_never_served_after_a_change(client, redis_cache, settings):
    """The change never has to reach Redis: pages stored there before it stay until they
    time out, and are never read again."""
    from news.models import ArticlePage

    settings.HLP_PAGE_CACHE = True
    server, cache = redis_cache
    post = ArticlePage.objects.live().order_by("-date").first()
    client.get("/news/")
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    post.title = "Retitled while the cache was out of reach"
    post.save_revision().publish()  # the version moves in the database only
    listing = client.get("/news/")
    assert listing["X-Page-Cache"] == "miss"
    assert b"Retitled while the cache was out of reach" in listing.content
