"""SITE_URL: the demo Site's root URL, written by feeds, canonical links, the sitemap and
robots.txt (issue 19.7)."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Site

from hlp_site.demo.management.commands.load_demo_content import site_address
from tests.test_metadata import canonical, head

pytestmark = pytest.mark.django_db

PUBLIC = "https://www.example.org"


@pytest.fixture
def public_site():
    with override_settings(SITE_URL=PUBLIC):
        call_command("load_demo_content", verbosity=0)


def test_demo_site_takes_its_root_url_from_site_url(public_site):
    assert Site.objects.get(is_default_site=True).root_url == PUBLIC


def test_feeds_use_the_configured_root_url(client, public_site):
    rss = ET.fromstring(client.get("/news/feed/").content)
    assert rss.findtext("channel/link") == f"{PUBLIC}/news/"
    items = rss.findall("channel/item")
    assert items
    for item in items:
        assert item.findtext("link").startswith(f"{PUBLIC}/news/")
        assert item.findtext("guid").startswith(f"{PUBLIC}/p/")


def test_sitemap_and_robots_use_the_configured_root_url(client, public_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)]
    assert f"{PUBLIC}/" in locs
    assert f"{PUBLIC}/news/tags/thrive-ldn/" in locs
    assert all(loc.startswith(f"{PUBLIC}/") for loc in locs)
    robots = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots


def test_canonical_links_use_the_configured_root_url(client, public_site):
    assert canonical(head(client, "/our-work/")) == f"{PUBLIC}/our-work/"


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),  # `make run`, the default
        ("https://www.example.org/", ("www.example.org", 443)),
        ("http://localhost", ("localhost", 80)),
    ],
)
def test_site_address(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize(
    "url", ["www.example.org", "https://www.example.org:8443", "http://x.org/news/", "http://:80"]
)
def test_unusable_site_url_is_refused_before_anything_changes(url):
    before = Site.objects.get(is_default_site=True).root_url
    with override_settings(SITE_URL=url), pytest.raises(CommandError, match="SITE_URL"):
        call_command("load_demo_content", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == before
