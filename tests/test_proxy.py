"""The reverse proxy for real: Debian's nginx with deploy/nginx.conf (its ${HLP_...} names
filled in, as the official image's envsubst does) in front of gunicorn on loopback, with
production settings, the demo content and a document in a private collection.

The servers are started by deploy/local_proxy.py, which `make audit` uses too. nginx is
/usr/sbin/nginx (`apt-get install nginx`), with Debian's brotli module for the brotli test
(`apt-get install libnginx-mod-http-brotli-filter`). Where they are missing these tests
skip, or fail when HLP_REQUIRE_PROXY=1 (CI sets it).
"""

import gzip
import http.client
import os
import re
import subprocess
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from deploy.local_proxy import NGINX, STATIC_ROOT, LocalProxy, nginx_config
from tests.browser.conftest import ServerDatabase

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
    try:
        local = LocalProxy(folder, database.url)
        local.prepare()
        document_url, document_file = (
            local.manage("shell", "-c", PRIVATE_DOCUMENT).splitlines()[-1].split()
        )
        with local:
            yield {
                "base": local.base,
                "port": local.port,
                "web": local.web,
                "manage": local.manage,
                "brotli": local.brotli,
                "document_url": document_url,
                "document_file": document_file,
                "document_path": local.media_root / document_file,
            }
    finally:
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


def require(available, message):
    if not available:
        if os.environ.get("HLP_REQUIRE_PROXY") == "1":
            pytest.fail(f"{message}; HLP_REQUIRE_PROXY=1 makes this a failure", pytrace=False)
        pytest.skip(message)


def test_pages_come_back_in_brotli_when_asked_where_nginx_has_the_module(proxy, home):
    require(proxy["brotli"], "nginx's brotli module is missing (libnginx-mod-http-brotli-filter)")
    asked = {"Accept-Encoding": "br, gzip"}
    status, headers, body = fetch(proxy["base"] + "/", asked)
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in headers["Vary"]
    html = gzip.decompress(home[1])
    assert len(body) < len(html) / 3
    # curl decodes brotli (Python's standard library cannot): the same page.
    decoded = subprocess.run(
        ["curl", "-sS", "--compressed", "-H", "Accept-Encoding: br", proxy["base"] + "/"],
        capture_output=True,
        check=True,
    ).stdout
    assert b"Healthy London Partnership" in decoded
    assert decoded.count(b"<h2") == html.count(b"<h2")
    # Feeds and JSON too; a client that asks for gzip alone still gets gzip.
    _, headers, _ = fetch(proxy["base"] + "/news/feed/", asked)
    assert headers["Content-Encoding"] == "br"
    _, headers, _ = fetch(proxy["base"] + "/news/feed/", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"


def test_the_shared_config_needs_no_brotli_module(tmp_path):
    # The official nginx image has no brotli module: deploy/nginx.conf alone must load.
    require(NGINX.exists(), f"nginx not found at {NGINX}")
    config = nginx_config(tmp_path, "127.0.0.1:9", "127.0.0.1:9", tmp_path, brotli=False)
    assert "brotli" not in config.read_text() + (tmp_path / "hlp.conf").read_text()
    checked = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log")]
        + ["-c", str(config)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


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
