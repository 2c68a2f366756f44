"""RSS 2.0 and Atom feeds: valid, the right posts newest first, full metadata, discoverable."""

import re

import feedparser
import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from hlp_site.demo.content import review_2018
from news.models import ArticleIndexPage, ArticlePage
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

REVIEW_URL = f"/news/blog/{review_2018.SLUG}/"
ORIGIN = "http://localhost"  # the demo Site's root URL


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


def live_posts():
    """Every public post as (page, kind, tag slugs), newest first (computed without the
    listing querysets the feeds use)."""
    posts = ArticlePage.objects.live().public().order_by("-date", "-pk")
    return [
        (post, post.get_parent().specific.kind, {tag.slug for tag in post.tags.all()})
        for post in posts
    ]


def programme_tag_slugs(programme):
    pages = ProgrammePage.objects.filter(path__startswith=programme.path)
    return {tag.slug for page in pages for tag in page.tags.all()}


def links(feed):
    return [entry.link for entry in feed.entries]


def full_urls(posts):
    return [f"{ORIGIN}{post.url}" for post in posts]


@pytest.mark.parametrize("suffix,version", [("", "rss20"), ("atom/", "atom10")])
def test_all_posts_feed(client, suffix, version):
    response, feed = parse(client, f"/news/feed/{suffix}")
    assert feed.version == version
    expected = [post for post, _, _ in live_posts()][:20]
    assert links(feed) == full_urls(expected)
    assert feed.feed.title == "All news, blogs and videos | Healthy London Partnership"
    assert feed.feed.link == f"{ORIGIN}/news/"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["news", "blog", "video"])
@pytest.mark.parametrize("suffix,version", [("", "rss20"), ("atom/", "atom10")])
def test_feed_per_kind(client, kind, suffix, version):
    index = ArticleIndexPage.objects.get(kind=kind)
    _, feed = parse(client, f"{index.url}feed/{suffix}")
    assert feed.version == version
    expected = [post for post, post_kind, _ in live_posts() if post_kind == kind]
    assert expected
    assert links(feed) == full_urls(expected)


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_feed_per_tag(client, suffix):
    _, feed = parse(client, f"/news/tags/thrive-ldn/feed/{suffix}")
    expected = [post for post, _, tags in live_posts() if "thrive-ldn" in tags]
    assert len(expected) >= 2
    assert links(feed) == full_urls(expected)


def test_unknown_tag_feed_is_404(client):
    assert client.get("/news/tags/no-such-tag/feed/").status_code == 404


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_programme_feed_includes_sub_programme_tags(client, suffix):
    programme = ProgrammePage.objects.get(slug="mental-health")
    tags = programme_tag_slugs(programme)
    assert {"mental-health", "thrive-ldn"} <= tags
    _, feed = parse(client, f"/our-work/mental-health/feed/{suffix}")
    expected = [post for post, _, post_tags in live_posts() if post_tags & tags]
    # Its posts, in order; its upcoming events come among them (tests/test_event_feeds.py).
    post_urls = set(full_urls(post for post, _, _ in live_posts()))
    assert [link for link in links(feed) if link in post_urls] == full_urls(expected)
    # Posts tagged only with a sub-programme's tag are there too.
    assert any("mental-health" not in t and "thrive-ldn" in t for _, _, t in live_posts())


def test_review_is_in_the_feed_of_every_programme_it_is_tagged_with(client):
    review = ArticlePage.objects.get(slug=review_2018.SLUG)
    review_tags = {tag.slug for tag in review.tags.all()}
    programmes = [
        programme
        for programme in ProgrammePage.objects.live().public()
        if {tag.slug for tag in programme.tags.all()} & review_tags
    ]
    assert len(programmes) >= 15
    for programme in programmes:
        for suffix in ("", "atom/"):
            _, feed = parse(client, f"{programme.url}feed/{suffix}")
            assert f"{ORIGIN}{REVIEW_URL}" in links(feed), programme.url


def test_entries_are_newest_first(client):
    for url in ("/news/feed/", "/news/feed/atom/", "/our-work/prevention/feed/"):
        _, feed = parse(client, url)
        dates = [entry.published_parsed for entry in feed.entries]
        assert len(dates) >= 3
        assert dates == sorted(dates, reverse=True), url


def review_entry(feed):
    return next(entry for entry in feed.entries if entry.link == f"{ORIGIN}{REVIEW_URL}")


@pytest.mark.parametrize("url", ["/our-work/prevention/feed/", "/our-work/prevention/feed/atom/"])
def test_entry_metadata(client, url):
    review = ArticlePage.objects.get(slug=review_2018.SLUG)
    _, feed = parse(client, url)
    entry = review_entry(feed)
    assert entry.title == review_2018.TITLE
    assert entry.summary == review.intro
    assert entry.published_parsed[:3] == (2018, 12, 18)
    assert [author.name for author in entry.authors] == [review_2018.AUTHOR_NAME]
    assert entry.id == f"{ORIGIN}/p/{review.pk}/"
    assert {tag.term for tag in entry.tags} == set(review_2018.TAG_NAMES)
    enclosure = entry.enclosures[0]
    assert enclosure.href.startswith(f"{ORIGIN}/media/images/")
    assert ".fill-1200x630." in enclosure.href
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 0
    assert entry.media_thumbnail[0]["url"] == enclosure.href
    # The enclosure is a real file in media storage.
    name = enclosure.href.removeprefix(f"{ORIGIN}{settings.MEDIA_URL}")
    assert default_storage.size(name) == int(enclosure.length)


def test_feed_links_are_absolute(client):
    _, feed = parse(client, "/news/feed/")
    for entry in feed.entries:
        assert entry.link.startswith(ORIGIN + "/")
        assert entry.id.startswith(ORIGIN + "/p/")


def alternates(html):
    return re.findall(r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">', html)


@pytest.mark.parametrize(
    "page_url,feed_url",
    [
        ("/our-work/mental-health/", "/our-work/mental-health/feed/"),
        ("/news/blog/", "/news/blog/feed/"),
        ("/news/tags/thrive-ldn/", "/news/tags/thrive-ldn/feed/"),
    ],
)
def test_pages_link_their_feeds(client, page_url, feed_url):
    found = alternates(client.get(page_url).content.decode())
    hrefs = {href: kind for kind, _, href in found}
    assert hrefs[f"{ORIGIN}{feed_url}"] == "application/rss+xml"
    assert hrefs[f"{ORIGIN}{feed_url}atom/"] == "application/atom+xml"
    assert hrefs[f"{ORIGIN}/news/feed/"] == "application/rss+xml"
    # Each advertised feed really is one.
    for href in hrefs:
        parse(client, href.removeprefix(ORIGIN))


@pytest.mark.parametrize("url", ["/", "/partners/", REVIEW_URL, "/search/?q=health"])
def test_every_page_links_the_all_posts_feed(client, url):
    hrefs = [href for _, _, href in alternates(client.get(url).content.decode())]
    assert f"{ORIGIN}/news/feed/" in hrefs
    assert f"{ORIGIN}/news/feed/atom/" in hrefs
