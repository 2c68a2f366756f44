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


def test_a_restriction_on_an_ancestor_or_an_aliases_source_applies():
    """OneQueryViewRestrictionsMixin finds the restrictions Wagtail would: the page's own,
    its ancestors', and for an alias its source page's own (an alias has none of its own)."""
    from django.test import Client
    from wagtail.models import PageViewRestriction

    post = ArticlePage.objects.get(url_path__endswith=REVIEW.split("/")[-2] + "/")
    news_index = ArticleIndexPage.objects.get(kind="news")
    alias = post.create_alias(parent=news_index, update_slug="review-alias")
    alias_url = "/news/news/review-alias/"
    client = Client()
    assert client.get(alias_url).status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.PASSWORD, password="secret-words"
    )
    for url in (REVIEW, alias_url):
        response = client.get(url)
        assert response.status_code == 200
        assert "password" in response.content.decode().lower()
        assert "Partners working together" not in response.content.decode()
        assert set(alias.get_view_restrictions()) == {restriction}

    restriction.delete()
    blog = ArticleIndexPage.objects.get(kind="blog")
    on_blog = PageViewRestriction.objects.create(
        page=blog, restriction_type=PageViewRestriction.LOGIN
    )
    assert set(post.get_view_restrictions()) == {on_blog}
    assert client.get(REVIEW).status_code == 302  # to the sign-in page
    # Only the source page itself stands in for an alias, not the source's ancestors.
    assert list(alias.get_view_restrictions()) == []
    assert client.get(alias_url).status_code == 200
