"""Drafts, private (password-protected) and expired pages never reach the open web:
the API, the feeds, the sitemap, search, or a permanent link."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.models import ArticleIndexPage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

TAG = "visibility-test"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def make_post(title):
    post = ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(kind="news"),
        title=title,
        date=datetime.date(2030, 1, 1),  # newest of all, so first in every feed
        tag_names=[TAG, "mental-health"],
    )
    post.save_revision().publish()
    return post


def make_draft():
    post = make_post("Zanzibar draft post")
    post.unpublish()
    return post


def make_private():
    post = make_post("Zanzibar private post")
    PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.PASSWORD, password="partners-only"
    )
    return post


def make_expired_by_scheduler():
    post = make_post("Zanzibar expired post")
    post.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    post.save()
    call_command("publish_scheduled", verbosity=0)  # what the scheduler runs
    post.refresh_from_db()
    assert post.expired and not post.live
    return post


def make_expired_not_yet_unpublished():
    post = make_post("Zanzibar lapsed post")
    post.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    post.save()
    return post


HIDDEN = {
    "draft": make_draft,
    "private": make_private,
    "expired": make_expired_by_scheduler,
    "expired, scheduler not yet run": make_expired_not_yet_unpublished,
}


@pytest.fixture
def visible():
    return make_post("Zanzibar public post")


def api_ids(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 100, **params})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def feed_links(client, url):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo
    return {entry.link for entry in feed.entries}


def sitemap_locs(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}


FEEDS = [
    "/news/feed/",
    "/news/feed/atom/",
    "/news/news/feed/",
    f"/news/tags/{TAG}/feed/",
    "/our-work/mental-health/feed/",
    "/our-work/mental-health/feed/atom/",
]


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_pages_stay_out_of_the_api(client, visible, state):
    hidden = HIDDEN[state]()
    for params in ({}, {"type": "blog.ArticlePage"}, {"tag": TAG}, {"programme": "mental-health"}):
        got = api_ids(client, **params)
        assert visible.pk in got, params
        assert hidden.pk not in got, params
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{visible.pk}/").status_code == 200


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_pages_stay_out_of_feeds(client, visible, state):
    hidden = HIDDEN[state]()
    hidden_url = f"http://localhost/news/news/{hidden.slug}/"
    for url in FEEDS:
        links = feed_links(client, url)
        assert f"http://localhost{visible.url}" in links, url
        assert hidden_url not in links, url


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_pages_stay_out_of_the_sitemap(client, visible, state):
    hidden = HIDDEN[state]()
    locs = sitemap_locs(client)
    assert f"http://localhost{visible.url}" in locs
    assert f"http://localhost/news/news/{hidden.slug}/" not in locs


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_pages_stay_out_of_search(client, visible, state):
    hidden = HIDDEN[state]()
    results = client.get("/search/", {"q": "Zanzibar"}).context["results"]
    found = {page.pk for page in results}
    assert visible.pk in found
    assert hidden.pk not in found
    # The API's search too, with and without a type and other filters.
    for params in ({}, {"type": "blog.ArticlePage"}, {"tag": TAG}):
        got = api_ids(client, search="Zanzibar", **params)
        assert visible.pk in got, params
        assert hidden.pk not in got, params


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_pages_have_no_working_permalink(client, visible, state):
    hidden = HIDDEN[state]()
    assert client.get(f"/p/{hidden.pk}/").status_code == 404
    assert client.get(f"/p/{visible.pk}/").status_code == 302
