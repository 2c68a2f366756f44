"""The whole-page cache: hits for anonymous visitors, never stale, never for editors."""

import hashlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page

from hlp_site.caching.models import ContentVersion
from news.models import ArticleIndexPage, ArticlePage

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


def test_second_request_is_a_hit_with_one_query(client):
    first, _ = fetch(client, REVIEW)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second, queries = fetch(client, REVIEW)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert queries == 1  # the content version, read where no fault can lose a change
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


def render_in_progress(url):
    """Claim the next render of `url`, as a request busy rendering it would have."""
    from hlp_site.caching.middleware import PageCacheMiddleware

    version, _ = ContentVersion.current()
    digest = hashlib.sha256(f"testserver{url}?".encode()).hexdigest()
    assert PageCacheMiddleware(lambda request: None).claim_render(version, digest)


def the_review():
    return ArticlePage.objects.get(
        url_path__endswith="/partners-working-together-to-improve-health-and-care-in-2018/"
    )


def test_after_a_publish_others_get_the_previous_copy_while_one_request_renders(client):
    old = client.get(REVIEW)
    post = the_review()
    post.title = "A new title for the review"
    post.save_revision().publish()
    render_in_progress(REVIEW)
    meanwhile = client.get(REVIEW)
    assert meanwhile["X-Page-Cache"] == "stale"
    assert meanwhile.content == old.content
    # Other pages are not held back by that render: the first request renders them.
    listing = client.get("/news/")
    assert listing["X-Page-Cache"] == "miss"
    assert b"A new title for the review" in listing.content


def test_after_a_publish_the_first_request_renders_and_stores_the_new_copy(client):
    client.get(REVIEW)
    post = the_review()
    post.title = "A new title for the review"
    post.save_revision().publish()
    first = client.get(REVIEW)
    assert first["X-Page-Cache"] == "miss"
    assert b"A new title for the review" in first.content
    second = client.get(REVIEW)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize("removal", ["unpublish", "restrict", "delete"])
def test_after_a_removal_no_earlier_copy_is_served_even_while_rendering(client, removal):
    from wagtail.models import PageViewRestriction

    post = ArticlePage.objects.live().exclude(pk=the_review().pk).order_by("-date").first()
    url = post.url
    assert client.get(url).status_code == 200
    if removal == "unpublish":
        post.unpublish()
    elif removal == "restrict":
        PageViewRestriction.objects.create(
            page=post, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    else:
        Page.objects.get(pk=post.pk).delete()
    render_in_progress(url)
    response = client.get(url)
    assert response.get("X-Page-Cache") != "stale"
    assert post.intro.encode() not in response.content


def test_a_previous_copy_is_dropped_when_its_page_no_longer_renders(client):
    """A publish that changes a slug: the old address no longer renders the page, and its
    previous copy is neither kept nor served."""
    client.get(REVIEW)
    post = the_review()
    post.slug = "review-of-2018"
    post.save_revision().publish()
    assert client.get(REVIEW).status_code == 404
    # That request still holds the claim to render the next copy, and none is left to
    # serve meanwhile.
    assert client.get(REVIEW).status_code == 404


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


def test_every_content_change_replaces_the_version():
    first = ContentVersion.current()
    tag = Tag.objects.first()
    tag.save()
    assert ContentVersion.current() != first


def test_a_change_from_another_process_is_seen(client):
    # The version is a database row, so a change saved by any process (here: a plain SQL
    # update, as another process's transaction would write it) reaches every process.
    client.get("/news/")
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    ContentVersion.objects.filter(pk=1).update(value="from-another-process")
    assert client.get("/news/")["X-Page-Cache"] == "miss"


def test_a_rolled_back_change_leaves_nothing_for_others(client):
    """A version written by a transaction that rolls back is never read again."""
    from django.db import transaction

    client.get("/news/")
    before = ContentVersion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Tag.objects.first().save()
        inside = ContentVersion.current()
        assert inside != before
        raise RuntimeError("roll back")
    assert ContentVersion.current() == before
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    Tag.objects.first().save()
    assert ContentVersion.current() not in (before, inside)


@pytest.mark.parametrize(
    "query",
    ["?utm_source=newsletter&utm_medium=email", "?fbclid=abc", "?gclid=1&mc_cid=2&mc_eid=3"],
)
def test_tracking_parameters_share_the_stored_page(client, query):
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    response = client.get("/news/" + query)
    assert response["X-Page-Cache"] == "hit"
    # Filters the page reads still count, tracking aside, in any order.
    assert client.get("/news/?type=blog&utm_source=x")["X-Page-Cache"] == "miss"
    assert client.get("/news/?utm_campaign=y&type=blog")["X-Page-Cache"] == "hit"


def test_parameters_no_page_reads_create_no_entries(client):
    client.get("/news/")
    entries = len(cache._cache)
    for n in range(5):
        response = client.get(f"/news/?made-up-{n}=x")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert len(cache._cache) == entries


def test_a_new_release_serves_fresh_pages(client, settings):
    from hlp_site.caching.middleware import code_release

    client.get("/news/")
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    settings.HLP_RELEASE = "next-release"
    assert code_release() == "next-release"
    # Processes read the release when they build their middleware: the running one keeps
    # serving its own release, a new one (a deploy) starts afresh.
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    assert Client().get("/news/")["X-Page-Cache"] == "miss"


def test_the_code_release_is_a_digest_of_code_and_templates(settings, tmp_path):
    from hlp_site.caching.middleware import code_release

    settings.HLP_RELEASE = ""
    settings.BASE_DIR = tmp_path
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>old</p>")
    old = code_release()
    assert old == code_release()
    template.write_text("<p>new</p>")
    assert code_release() != old


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
    before = ContentVersion.current()
    image.save(update_fields=["file_size"])
    image.save(update_fields=["file_hash"])
    assert ContentVersion.current() == before
    image.title = "A new title shows on pages"
    image.save()
    assert ContentVersion.current() != before


def test_stored_pages_expire_by_the_next_scheduled_expiry(client):
    import datetime
    import time

    from django.utils import timezone

    post = ArticlePage.objects.live().order_by("-date").first()
    post.expire_at = timezone.now() + datetime.timedelta(minutes=10)
    post.save_revision().publish()
    cache.clear()
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    stored = [cache._expire_info[key] for key in cache._cache if "hlp:page:" in key]
    assert stored and max(stored) <= time.time() + 601


def test_the_alert_banner_times_bound_what_is_stored(client):
    import datetime
    import time

    from django.utils import timezone
    from wagtail.models import Site

    from hlp_site.core.site_settings import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.alert_message = "Planned maintenance tonight"
    site_settings.alert_starts_at = timezone.now() + datetime.timedelta(minutes=5)
    site_settings.save()
    assert b"Planned maintenance tonight" not in client.get("/").content
    stored = [cache._expire_info[key] for key in cache._cache if "hlp:page:" in key]
    assert stored and max(stored) <= time.time() + 301


def test_a_preview_is_never_stored(client, django_user_model):
    post = ArticlePage.objects.live().order_by("-date").first()
    client.get(post.url)
    post.title = "Draft title"
    request_factory_preview = post.make_preview_request()
    assert request_factory_preview.status_code == 200
    assert b"Draft title" in request_factory_preview.content
    assert b"Draft title" not in client.get(post.url).content


def test_password_protection_hides_a_stored_page(client):
    from wagtail.models import PageViewRestriction

    post = ArticlePage.objects.live().order_by("-date").first()
    assert client.get(post.url)["X-Page-Cache"] == "miss"
    assert client.get(post.url)["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(post.url)
    assert response.status_code == 200  # Wagtail's password form, not the post
    assert post.intro.encode() not in response.content
    assert "X-Page-Cache" not in response


def test_a_process_renders_one_previous_copy_at_a_time(rf):
    """While a process's thread renders one page's next copy, its other threads serve
    other pages' previous copies rather than render them too."""
    from django.http import HttpResponse

    from hlp_site.caching.middleware import PageCacheMiddleware

    rendered = []

    def render(request):
        rendered.append(request.path)
        return HttpResponse(f"copy {len(rendered)}")

    middleware = PageCacheMiddleware(render)
    assert middleware(rf.get("/about/"))["X-Page-Cache"] == "miss"
    ContentVersion.replace()  # a publish
    with middleware.renders:  # another thread of this process is rendering
        meanwhile = middleware(rf.get("/about/"))
    assert meanwhile["X-Page-Cache"] == "stale"
    assert meanwhile.content == b"copy 1"
    after = middleware(rf.get("/about/"))
    assert after["X-Page-Cache"] == "miss"
    assert after.content == b"copy 2"
