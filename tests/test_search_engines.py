"""/sitemap.xml lists every live public page with lastmod; /robots.txt points at it."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.models import ArticleIndexPage, ArticlePage, ArticlePageTag
from tests.factories import ArticlePageFactory

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
    tag_pages = {url for url in entries if url.startswith("http://localhost/news/tags/")}
    assert set(entries) - tag_pages == {page.get_full_url() for page in pages}
    for page in pages:
        assert entries[page.get_full_url()] == page.last_published_at.date().isoformat()


def sitemap_entries(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_each_tag_page_with_its_newest_post(client):
    entries = sitemap_entries(client)
    posts = ArticlePage.objects.live().public()
    tags_in_use = set(
        ArticlePageTag.objects.filter(content_object__in=posts).values_list("tag__slug", flat=True)
    )
    assert len(tags_in_use) > 10  # the demo content tags its posts
    for slug in tags_in_use:
        newest = posts.filter(tags__slug=slug).order_by("-last_published_at").first()
        url = f"http://localhost/news/tags/{slug}/"
        assert entries[url] == newest.last_published_at.date().isoformat(), url
        assert client.get(url).status_code == 200
    assert len([url for url in entries if "/news/tags/" in url]) == len(tags_in_use)


def test_tag_pages_of_unpublished_posts_stay_out_of_the_sitemap(client):
    post = ArticlePage.objects.get(slug="askaboutasthma-a-parents-story")
    post.tags.add("only-on-a-draft")
    post.save_revision()  # a draft: the live post does not carry the tag
    hidden = ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(kind="news"), tag_names=["unpublished-only"]
    )
    hidden.unpublish()
    entries = sitemap_entries(client)
    assert "http://localhost/news/tags/unpublished-only/" not in entries


def test_tag_pages_cost_one_query_however_many_tags(client):
    def sitemap_queries():
        client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured)

    before = sitemap_queries()
    news = ArticleIndexPage.objects.get(kind="news")
    for n in range(5):
        post = ArticlePageFactory(parent=news, tag_names=[f"budget-tag-{n}", f"budget-other-{n}"])
        post.save_revision().publish()
    assert sitemap_queries() == before
    post.refresh_from_db()
    assert sitemap_entries(client)["http://localhost/news/tags/budget-tag-4/"] == (
        post.last_published_at.date().isoformat()
    )


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public site stays crawlable
