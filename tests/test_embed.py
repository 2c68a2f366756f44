"""The embeddable "latest from this programme" panel, the one page other sites may frame."""

import datetime
import re

import pytest

from news.models import ArticleIndexPage, ArticlePage
from programmes.models import ProgrammePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

EMBED = "/our-work/mental-health/embed/"


def expected_latest(slug, count=5):
    programme = ProgrammePage.objects.get(slug=slug)
    tags = {
        tag.slug
        for page in ProgrammePage.objects.filter(path__startswith=programme.path)
        for tag in page.tags.all()
    }
    posts = [
        post
        for post in ArticlePage.objects.live().public().order_by("-date", "-pk")
        if {tag.slug for tag in post.tags.all()} & tags
    ]
    return posts[:count]


def post_links(html):
    return re.findall(r'<a class="nhsuk-link hlp-embed__post" href="([^"]+)">', html)


def test_embed_lists_the_latest_posts_of_the_programme(client):
    response = client.get(EMBED)
    assert response.status_code == 200
    html = response.content.decode()
    expected = expected_latest("mental-health")
    assert len(expected) == 5
    assert post_links(html) == [f"http://localhost{post.url}" for post in expected]
    for post in expected:
        assert post.title in html


def test_embed_follows_new_posts(client):
    post = ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(kind="news"),
        title="Thrive LDN opens new wellbeing hubs",
        date=datetime.date(2031, 5, 1),
        tag_names=["thrive-ldn"],
    )
    html = client.get(EMBED).content.decode()
    assert post_links(html)[0] == f"http://localhost{post.url}"


def test_embed_is_a_small_accessible_page(client):
    html = client.get(EMBED).content.decode()
    assert '<html lang="en-GB">' in html
    assert "<title>Latest from Mental health | Healthy London Partnership</title>" in html
    assert html.count("<h1") == 1
    assert "<main" in html
    assert '<base target="_top">' in html  # links leave the frame, not load inside it
    assert '<meta name="robots" content="noindex">' in html
    assert "nhsuk-header" not in html  # no site furniture inside a partner's page


def test_same_data_through_the_api(client):
    programme = ProgrammePage.objects.get(slug="mental-health")
    data = client.get(f"/api/v2/pages/{programme.pk}/").json()
    assert [item["id"] for item in data["latest_posts"]] == [
        post.pk for post in expected_latest("mental-health")
    ]
    assert data["latest_posts"][0]["date"]


def test_only_the_embed_is_frameable(client):
    embed = client.get(EMBED)
    assert "X-Frame-Options" not in embed
    for url in [
        "/",
        "/our-work/mental-health/",
        "/our-work/mental-health/feed/",
        "/news/",
        "/news/feed/",
        "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
        "/api/v2/pages/",
        "/sitemap.xml",
        "/search/?q=health",
        "/admin/login/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), url


def test_every_programme_has_an_embed(client):
    for programme in ProgrammePage.objects.live().public():
        assert client.get(f"{programme.url}embed/").status_code == 200, programme.url


def test_embed_of_an_unpublished_programme_is_404(client):
    programme = ProgrammePage.objects.get(slug="crisis-care")
    programme.unpublish()
    assert client.get("/our-work/mental-health/crisis-care/embed/").status_code == 404
