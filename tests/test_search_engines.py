"""/sitemap.xml lists every live public page with lastmod; /robots.txt points at it."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_every_live_public_page(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS).text
        for url in root.findall("s:url", NS)
    }
    pages = Page.objects.live().public().exclude(depth=1).specific()
    assert set(entries) == {page.get_full_url() for page in pages}
    for page in pages:
        assert entries[page.get_full_url()] == page.last_published_at.date().isoformat()


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public site stays crawlable
