"""The reverse proxy for real: Debian's nginx with deploy/nginx.conf (its ${HLP_...} names
filled in, as the official image's envsubst does) in front of gunicorn on loopback, with
production settings, the demo content and a document in a private collection.

nginx is /usr/sbin/nginx (`apt-get install nginx`). Where it is missing these tests skip,
or fail when HLP_REQUIRE_PROXY=1 (CI sets it).
"""

import gzip
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import PROJECT_DIR, ServerDatabase

NGINX = Path("/usr/sbin/nginx")
TEMPLATE = PROJECT_DIR / "deploy" / "nginx.conf"
STATIC_ROOT = PROJECT_DIR / "staticfiles"  # STATIC_ROOT in the settings; collectstatic's output
YEAR = "max-age=31536000"
SECRET = b"SECRET BOARD MINUTES"

PRIVATE_DOCUMENT = f"""
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

private = Collection.get_first_root_node().add_child(name="Board papers")
CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
document = Document(title="Board minutes", collection=private)
document.file.save("board-minutes.txt", ContentFile({SECRET!r}), save=False)
document.save()
print(document.url, document.file.name)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None):
    """(status, headers, body as sent on the wire); redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args[0]} exited with {process.returncode}"
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nothing serving at {url}")


def nginx_config(folder, listen, upstream, media_root):
    values = {
        "HLP_LISTEN": listen,
        "HLP_UPSTREAM": upstream,
        "HLP_MEDIA_ROOT": str(media_root),
        "HLP_STATIC_ROOT": str(STATIC_ROOT),
    }
    server = re.sub(r"\$\{(HLP_[A-Z_]+)\}", lambda m: values[m.group(1)], TEMPLATE.read_text())
    (folder / "hlp.conf").write_text(server)
    # The rest of what the official image's /etc/nginx/nginx.conf gives the server block,
    # with every path in the test's own folder.
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # workers must read the test's folders
        + f"pid {folder}/nginx.pid;\n"
        + f"error_log {folder}/error.log;\n"
        + "worker_processes 1;\ndaemon off;\nevents {}\n"
        + "http {\n"
        + "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        + "  access_log off;\n  sendfile on;\n"
        + "".join(
            f"  {kind}_temp_path {folder}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {folder}/hlp.conf;\n"
        + "}\n"
    )
    return folder / "nginx.conf"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    if not NGINX.exists():
        message = f"nginx not found at {NGINX} (install it with `apt-get install nginx`)"
        if os.environ.get("HLP_REQUIRE_PROXY") == "1":
            pytest.fail(f"{message}; HLP_REQUIRE_PROXY=1 makes this a failure", pytrace=False)
        pytest.skip(message)

    folder = tmp_path_factory.mktemp("proxy")
    database = ServerDatabase(folder)
    if database.postgres:
        database.name = database.name.replace("_browser", "_proxy")
        database.url = database.url.replace("_browser", "_proxy")
    database.create()
    media_root = folder / "media"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "PYTEST_CURRENT_TEST", "AWS_STORAGE_BUCKET_NAME"}
    }
    env.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE="hlp_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        AXES_IPWARE_PROXY_COUNT="1",
        MEDIA_ROOT=str(media_root),
    )

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    manage("migrate", "--noinput", "--verbosity=0")
    manage("load_demo_content", "--verbosity=0")
    manage("collectstatic", "--noinput", "--verbosity=0")
    document_url, document_file = manage("shell", "-c", PRIVATE_DOCUMENT).splitlines()[-1].split()

    web_port, proxy_port = free_port(), free_port()
    web = subprocess.Popen(
        [str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"), "hlp_site.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{web_port}", "--log-level", "warning"],
        cwd=PROJECT_DIR,
        env=env,
    )
    config = nginx_config(folder, f"127.0.0.1:{proxy_port}", f"127.0.0.1:{web_port}", media_root)
    nginx = subprocess.Popen(
        [str(NGINX), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)]
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{web_port}/", web)
        wait_until_serving(f"http://127.0.0.1:{proxy_port}/", nginx)
        yield {
            "base": f"http://127.0.0.1:{proxy_port}",
            "port": proxy_port,
            "web": f"http://127.0.0.1:{web_port}",
            "manage": manage,
            "document_url": document_url,
            "document_file": document_file,
            "document_path": media_root / document_file,
        }
    finally:
        for process in (nginx, web):
            process.terminate()
            process.wait(timeout=30)
        database.drop()


@pytest.fixture(scope="module")
def home(proxy):
    status, headers, body = fetch(proxy["base"] + "/", {"Accept-Encoding": "gzip"})
    assert status == 200
    return headers, body


def test_pages_come_through_the_proxy_compressed(home):
    headers, body = home
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    html = gzip.decompress(body)
    assert b"Healthy London Partnership" in html
    assert len(body) < len(html) / 3
    # Django's own headers pass through unchanged.
    assert "font-src 'self' https://assets.nhs.uk" in headers["Content-Security-Policy"]


def test_renditions_are_served_from_the_media_volume_for_a_year(proxy, home):
    html = gzip.decompress(home[1]).decode()
    renditions = re.findall(r'(?:src|srcset)="(/media/images/[^" ]+)', html)
    assert renditions, "the home page shows no image"
    status, headers, body = fetch(proxy["base"] + renditions[0])
    assert status == 200
    assert headers["Content-Type"].startswith("image/")
    assert YEAR in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body


def test_static_files_are_served_compressed_and_fingerprinted_ones_kept_a_year(proxy, home):
    html = gzip.decompress(home[1]).decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, body = fetch(proxy["base"] + stylesheet, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and YEAR in headers["Cache-Control"]
    assert gzip.decompress(body) == (STATIC_ROOT / stylesheet.removeprefix("/static/")).read_bytes()
    # The plain name may change with the next release: an hour.
    status, headers, _ = fetch(proxy["base"] + "/static/css/site.css")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=3600"


def test_the_icon_and_manifest_come_through(proxy):
    for path in ("/favicon.ico", "/manifest.webmanifest"):
        status, headers, _ = fetch(proxy["base"] + path)
        assert status == 200, path
        assert "max-age=604800" in headers["Cache-Control"]


def test_a_private_document_is_never_served_from_disk(proxy):
    assert proxy["document_path"].read_bytes() == SECRET  # it is there to be leaked
    # The storage name, e.g. documents/board-minutes.txt, at MEDIA_URL.
    status, _, body = fetch(proxy["base"] + "/media/" + proxy["document_file"])
    assert status == 404
    assert SECRET not in body
    # Through Django, which asks a visitor to sign in first.
    status, headers, body = fetch(proxy["base"] + proxy["document_url"])
    assert status == 302
    assert "login" in headers["Location"]
    assert SECRET not in body


def test_an_upload_over_the_sites_limit_is_refused_by_the_proxy(proxy):
    connection = http.client.HTTPConnection("127.0.0.1", proxy["port"], timeout=30)
    # nginx answers from the declared length, before any of the body is sent.
    connection.putrequest("POST", "/admin/documents/multiple/add/")
    connection.putheader("Content-Length", str(27 * 1024 * 1024))
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


def test_the_scheme_is_the_proxys_own_never_the_clients(proxy):
    # Django marks a request it takes for https with HSTS. A client's own
    # X-Forwarded-Proto: https is overwritten by the proxy (an unstored URL, so rendered).
    spoofed = {"X-Forwarded-Proto": "https"}
    _, headers, _ = fetch(proxy["base"] + "/?proxy-check=1", spoofed)
    assert "Strict-Transport-Security" not in headers
    # Straight to gunicorn the same header is believed: the check above can fail.
    _, headers, _ = fetch(proxy["web"] + "/?proxy-check=2", spoofed)
    assert "Strict-Transport-Security" in headers


def test_a_failed_sign_in_is_counted_against_the_address_the_proxy_saw(proxy):
    # The visitor comes from 127.0.0.2 (nginx itself reaches gunicorn from 127.0.0.1) and
    # claims to be 203.0.113.9: the lockout must count 127.0.0.2.
    connection = http.client.HTTPConnection(
        "127.0.0.1", proxy["port"], timeout=30, source_address=("127.0.0.2", 0)
    )
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urlencode({"csrfmiddlewaretoken": token, "username": "nobody", "password": "wrong"})
    connection.request(
        "POST",
        "/admin/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "X-Forwarded-For": "203.0.113.9",
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 200  # the form again, with its error
    addresses = (
        proxy["manage"](
            "shell",
            "-c",
            "from axes.models import AccessAttempt; "
            "print(*AccessAttempt.objects.values_list('ip_address', flat=True))",
        )
        .splitlines()[-1]
        .split()
    )
    assert addresses == ["127.0.0.2"]
