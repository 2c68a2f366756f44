"""The whole-page cache: hits for anonymous visitors, never stale, never for editors."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page

from blog.models import ArticleIndexPage, ArticlePage
from hlp_site.core import page_cache

pytestmark = pytest.mark.django_db

REVIEW = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.HLP_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def fetch(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, len(captured)


def test_second_request_is_a_hit_without_queries(client):
    first, _ = fetch(client, REVIEW)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second, queries = fetch(client, REVIEW)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "max-age=0" in second["Cache-Control"] and "public" in second["Cache-Control"]


def test_query_string_is_part_of_the_key(client):
    client.get("/news/")
    response = client.get("/news/?type=blog")
    assert response["X-Page-Cache"] == "miss"


def test_head_is_served_from_the_cache(client):
    client.get("/")
    response = client.head("/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_if_none_match_gives_304(client):
    etag = client.get("/news/")["ETag"]
    response = client.get("/news/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert client.get("/news/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_publishing_invalidates(client):
    post = ArticlePage.objects.get(
        url_path__endswith="/partners-working-together-to-improve-health-and-care-in-2018/"
    )
    client.get(REVIEW)
    client.get("/news/")
    post.title = "A new title for the review"
    post.save_revision().publish()
    response = client.get(REVIEW)
    assert response["X-Page-Cache"] == "miss"
    assert b"A new title for the review" in response.content
    # Listings elsewhere are dropped too, not only the page itself.
    listing = client.get("/news/")
    assert listing["X-Page-Cache"] == "miss"
    assert b"A new title for the review" in listing.content


def test_unpublishing_invalidates(client):
    post = (
        ArticlePage.objects.live()
        .exclude(
            url_path__endswith="/partners-working-together-to-improve-health-and-care-in-2018/"
        )
        .first()
    )
    url = post.url
    assert client.get(url).status_code == 200
    post.unpublish()
    assert client.get(url).status_code == 404


def test_moving_invalidates(client):
    post = ArticlePage.objects.get(
        url_path__endswith="/partners-working-together-to-improve-health-and-care-in-2018/"
    )
    news = ArticleIndexPage.objects.get(kind="news")
    assert client.get(REVIEW).status_code == 200
    post.move(news, pos="last-child")
    # Not the cached page: Wagtail's automatic redirect to where it went.
    old = client.get(REVIEW)
    assert old.status_code == 301
    assert old["Location"].endswith(
        "/news/news/partners-working-together-to-improve-health-and-care-in-2018/"
    )
    assert (
        client.get(
            "/news/news/partners-working-together-to-improve-health-and-care-in-2018/"
        ).status_code
        == 200
    )


def test_deleting_invalidates(client):
    post = ArticlePage.objects.live().order_by("-date").first()
    url = post.url
    assert client.get(url).status_code == 200
    Page.objects.get(pk=post.pk).delete()
    assert client.get(url).status_code == 404


def test_tag_change_invalidates(client):
    url = "/news/tags/prevention/"
    before = client.get(url)
    assert before.status_code == 200
    tag = Tag.objects.get(slug="prevention")
    tag.name = "Prevention renamed"
    tag.save()
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert b"Prevention renamed" in after.content


def test_invalidate_moves_the_generation_on():
    first = page_cache.generation()
    page_cache.invalidate()
    assert page_cache.generation() != first


def test_a_change_in_another_process_is_seen(client):
    # With local memory (as here) each process has its own cache; the generation is a
    # file's mtime, so another process touching it (its invalidate()) drops our pages.
    path = page_cache._generation_file()
    assert path is not None
    client.get("/news/")
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    later = path.stat().st_mtime_ns + 1_000_000
    os.utime(path, ns=(later, later))
    assert client.get("/news/")["X-Page-Cache"] == "miss"


def test_redis_generation_survives_eviction(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert page_cache._generation_file() is None
    # A dummy cache forgets everything, like an evicted key: never the same number twice.
    assert page_cache.generation() != page_cache.generation()


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken"])
def test_requests_with_session_or_csrf_cookie_bypass(client, cookie):
    client.get("/")
    client.cookies[cookie] = "x"
    response = client.get("/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_logged_in_editor_is_never_served_or_stored(client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-long-enough")
    client.force_login(editor)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    client.logout()
    client.cookies.clear()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"


def test_admin_and_post_are_not_cached(client):
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.post("/search/", {"q": "x"})


def test_errors_are_not_cached(client):
    assert client.get("/no/such/page/").status_code == 404
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_cache_off_serves_fresh(client, settings):
    settings.HLP_PAGE_CACHE = False
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_an_image_filling_in_its_size_and_hash_changes_nothing():
    from wagtail.images.models import Image

    image = Image.objects.first()
    before = page_cache.generation()
    image.save(update_fields=["file_size"])
    image.save(update_fields=["file_hash"])
    assert page_cache.generation() == before
    image.title = "A new title shows on pages"
    image.save()
    assert page_cache.generation() != before


def test_stored_pages_expire_by_the_next_scheduled_expiry(client):
    import datetime
    import time

    from django.utils import timezone

    post = ArticlePage.objects.live().order_by("-date").first()
    post.expire_at = timezone.now() + datetime.timedelta(minutes=10)
    post.save_revision().publish()
    cache.clear()
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    stored = [cache._expire_info[key] for key in cache._cache if "hlp:page-cache:" in key]
    assert stored and max(stored) <= time.time() + 601
