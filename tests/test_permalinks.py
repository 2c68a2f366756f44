"""Permanent links (/p/<page id>/) follow a page wherever it moves, and editors can see them."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from hlp_site.demo.content import review_2018
from news.models import ArticleIndexPage, ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    return ArticlePage.objects.get(slug=review_2018.SLUG)


def test_permalink_redirects_to_the_page(client, review):
    response = client.get(f"/p/{review.pk}/")
    assert response.status_code == 302  # temporary: the target changes when the page moves
    assert response["Location"] == review.url
    assert review_2018.TITLE in client.get(response["Location"]).content.decode()


def test_permalink_follows_a_move_and_a_rename(client, review):
    old_url = review.url
    news = ArticleIndexPage.objects.get(kind="news")
    review.move(news, pos="last-child")
    review = ArticlePage.objects.get(pk=review.pk)
    review.title = "Partners in 2018: the year in review"
    review.slug = "partners-in-2018"
    review.save_revision().publish()

    new_url = ArticlePage.objects.get(pk=review.pk).url
    assert new_url == "/news/news/partners-in-2018/" != old_url
    response = client.get(f"/p/{review.pk}/", follow=True)
    assert response.redirect_chain == [(new_url, 302)]
    assert response.status_code == 200
    assert "Partners in 2018: the year in review" in response.content.decode()


def test_every_live_page_has_a_working_permalink(client):
    for page in Page.objects.live().public().exclude(depth=1):
        response = client.get(f"/p/{page.pk}/")
        assert response.status_code == 302
        assert response["Location"] == page.url


@pytest.mark.parametrize("page_id", ["1", "999999"])
def test_permalink_without_a_public_page_is_404(client, page_id):
    # Page 1 is the tree's root: it has no URL.
    assert client.get(f"/p/{page_id}/").status_code == 404


def test_permalink_rejects_odd_ids_and_writes(client, review):
    assert client.get("/p/abc/").status_code == 404
    assert client.get("/p/-1/").status_code == 404
    assert client.post(f"/p/{review.pk}/").status_code == 405


def test_editors_see_the_permalink(client, django_user_model, review):
    user = django_user_model.objects.create_superuser("permalink-editor", "e@example.com", "pw")
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[review.pk])).content.decode()
    assert f"http://localhost/p/{review.pk}/" in html
    assert "Give partners this link" in html
