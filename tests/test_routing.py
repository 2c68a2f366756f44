"""Routing by url_path (hlp_site/core/pages.py) keeps Wagtail's routing rules."""

import pytest

from news.models import ArticleIndexPage, ArticlePage

pytestmark = pytest.mark.django_db

REVIEW = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"


def test_live_pages_and_routable_sub_pages_are_served(client):
    assert client.get(REVIEW).status_code == 200
    assert client.get("/news/").status_code == 200
    response = client.get("/news/tags/prevention/")
    assert response.status_code == 200
    assert response.templates[0].name == "blog/tag_page.html"


def test_unknown_paths_are_404(client):
    assert client.get("/no-such-section/").status_code == 404
    assert client.get(REVIEW + "extra/").status_code == 404
    assert client.get("/news/blog/no-such-post/").status_code == 404
    assert client.get("/news/tags/no-such-tag/").status_code == 404


def test_unpublished_page_is_404(client):
    post = ArticlePage.objects.get(url_path__endswith=REVIEW.split("/")[-2] + "/")
    post.unpublish()
    assert client.get(REVIEW).status_code == 404


def test_page_below_an_unpublished_parent_is_served_as_wagtail_does(client):
    blog = ArticleIndexPage.objects.get(kind="blog")
    blog.unpublish()
    assert client.get("/news/blog/").status_code == 404
    assert client.get(REVIEW).status_code == 200
