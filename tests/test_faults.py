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
    settings.CACHES = {
        "default": {
            "BACKEND": "hlp_site.core.resilience.FaultTolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        # As in production (hlp_site/settings/base.py with REDIS_URL).
        "generation_keyed": {
            "BACKEND": "hlp_site.core.generation_cache.GenerationKeyedCache",
            "OPTIONS": {"SHARED": "default", "LOCAL_ENTRIES": 50},
        },
    }
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
    assert cache.add("new", 1) is False

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
    from blog.models import NewsIndexPage

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(NewsIndexPage, "get_context", broken)
    response = Client(raise_request_exception=False).get("/news/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_generation_keyed_values_are_kept_in_process_memory(redis_cache):
    """Keys that carry the generation never change value, so a process answers them from
    its own memory after the first read: no Redis round trip, and nothing stale."""
    from hlp_site.core import page_cache
    from hlp_site.core.generation_cache import GenerationKeyedCache

    server, shared = redis_cache
    ours = caches["generation_keyed"]
    # Another process: its own local memory, the same Redis.
    theirs = GenerationKeyedCache("another-process", {"OPTIONS": {"SHARED": "default"}})
    ours.set("fragment:1", "<p>one</p>")
    assert theirs.get("fragment:1") == "<p>one</p>"  # written through to Redis
    shared.delete("fragment:1")
    assert ours.get("fragment:1") == "<p>one</p>"  # served from each process's memory
    assert theirs.get("fragment:1") == "<p>one</p>"

    theirs.set("fragment:2", "<p>from another process</p>")
    assert ours.get("fragment:2") == "<p>from another process</p>"
    server.stop()
    assert ours.get("fragment:2") == "<p>from another process</p>"
    assert ours.get("fragment:3", "miss") == "miss"  # Redis down: a miss, no error
    ours.set("fragment:3", "<p>three</p>")  # no error either

    # The generation itself is never kept locally: a change from another process shows.
    server.start()
    first = page_cache.generation()
    shared.incr(page_cache.GENERATION_KEY)
    assert page_cache.generation() == first + 1


def test_a_copy_in_process_memory_ends_when_the_stored_value_does(redis_cache):
    """Pages and fragments are sometimes stored for less than the default (until the next
    scheduled expiry): another process's copy must not outlive that."""
    from hlp_site.core.generation_cache import GenerationKeyedCache

    ours = caches["generation_keyed"]
    theirs = GenerationKeyedCache("another-process", {"OPTIONS": {"SHARED": "default"}})
    ours.set("listing", "with the post about to lapse", timeout=1)
    assert theirs.get("listing") == "with the post about to lapse"
    time.sleep(1.2)
    assert theirs.get("listing") is None
    assert ours.get("listing") is None
