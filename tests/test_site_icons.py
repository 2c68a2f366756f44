"""The icon set and web manifest at the site root (hlp_site/core/root_files/, served by
whitenoise): browsers ask for /favicon.ico on every page without an icon link, the
partner embed among them."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

WEEK = 60 * 60 * 24 * 7
ROOT_FILES = {
    "/favicon.ico": "image/x-icon",
    "/favicon.svg": "image/svg+xml",
    "/apple-touch-icon.png": "image/png",
    "/favicon-192x192.png": "image/png",
    "/manifest.webmanifest": "application/manifest+json",
}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("url", "content_type"), ROOT_FILES.items())
def test_icons_and_manifest_are_served_at_the_root_with_a_long_cache(url, content_type):
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type
    assert response["Cache-Control"] == f"public, max-age={WEEK}"
    assert body(response)


def test_the_manifest_names_the_site_and_points_at_icons_that_are_served():
    manifest = json.loads(body(Client().get("/manifest.webmanifest")))
    assert manifest["name"] == "Healthy London Partnership"
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        assert icon["src"] in ROOT_FILES
        assert Client().get(icon["src"]).status_code == 200


def test_pages_link_the_icon_set_and_the_manifest(client):
    html = client.get("/").content.decode()
    for link in (
        '<link rel="icon" href="/favicon.ico"',
        '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
        '<link rel="apple-touch-icon" href="/apple-touch-icon.png">',
        '<link rel="manifest" href="/manifest.webmanifest">',
    ):
        assert link in html
