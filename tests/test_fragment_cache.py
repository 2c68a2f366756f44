"""Fragment caches ({% contentcache %}): fast for everyone, never stale, never a preview's
or a private page's content in the wrong place."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from blog.models import ArticlePage
from hlp_site.core import page_cache
from hlp_site.core.site_settings import SiteSettings

pytestmark = pytest.mark.django_db

REVIEW = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"


@pytest.fixture(autouse=True)
def fragments_on(settings):
    # The whole-page cache stays off (as in all tests): every request here renders.
    settings.HLP_FRAGMENT_CACHE = True
    settings.HLP_PAGE_CACHE = False


@pytest.fixture
def review():
    return ArticlePage.objects.get(url_path__endswith=REVIEW.split("/")[-2] + "/")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, captured


def test_warm_page_is_identical_and_cheaper(client):
    first, cold = queries(client, REVIEW)
    second, warm = queries(client, REVIEW)
    assert second.content == first.content
    assert len(warm) < len(cold)
    # What is left is routing: no Site lookup, no body, tags, authors or partners.
    tables = " ".join(query["sql"] for query in warm.captured_queries)
    for table in ("wagtailcore_site", "taggit_tag", "blog_articlepageauthor"):
        assert table not in tables


@pytest.mark.parametrize(
    "url, newest", [("/", True), ("/news/", True), ("/our-work/mental-health/", False)]
)
def test_publishing_shows_everywhere_at_once(client, review, url, newest):
    post = ArticlePage.objects.live().order_by("-date").first() if newest else review
    for each in (url, post.url):
        assert b"A title nobody has seen" not in client.get(each).content
    post.title = "A title nobody has seen"
    post.save_revision().publish()
    for each in (url, post.url):
        assert b"A title nobody has seen" in client.get(each).content


def test_unpublishing_drops_the_post_from_listings(client, review):
    assert b"/partners-working-together" in client.get("/news/").content
    review.unpublish()
    assert b"/partners-working-together" not in client.get("/news/").content


def test_renaming_a_section_changes_the_menu_on_every_page(client, demo_page):
    client.get(REVIEW)
    section = demo_page("/partners/")
    section.title = "Our partner organisations"
    section.save_revision().publish()
    assert b"Our partner organisations" in client.get(REVIEW).content


def test_site_settings_change_the_footer(client):
    client.get("/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "new-address@example.org"
    settings.save()
    assert b"new-address@example.org" in client.get("/").content


def test_a_preview_is_never_stored_nor_served_from_the_cache(client, review):
    client.get(REVIEW)  # the live page's fragments are warm
    review.title = "Draft title only in the preview"
    preview = review.make_preview_request()
    assert b"Draft title only in the preview" in preview.content
    live = client.get(REVIEW).content
    assert b"Draft title only in the preview" not in live
    assert b"Partners working together" in live


def test_password_protection_hides_a_cached_page(client, review):
    assert b"Thrive LDN" in client.get(REVIEW).content
    PageViewRestriction.objects.create(
        page=review, restriction_type=PageViewRestriction.PASSWORD, password="a-password"
    )
    response = client.get(REVIEW)
    assert response.status_code == 200
    assert b"password" in response.content.lower()
    assert b"Thrive LDN" not in response.content


def test_editors_get_cached_fragments_with_their_own_userbar(client, django_user_model):
    client.get(REVIEW)
    editor = django_user_model.objects.create_superuser("frag-editor", "f@example.org", "pw")
    client.force_login(editor)
    response, _ = queries(client, REVIEW)
    assert b"Partners working together" in response.content
    assert b"wagtail-userbar" in response.content
    client.logout()
    assert b"wagtail-userbar" not in client.get(REVIEW).content


def test_each_query_string_is_its_own_listing(client):
    blogs = client.get("/news/?type=blog").content
    videos = client.get("/news/?type=video").content
    assert blogs != videos
    assert client.get("/news/?type=blog").content == blogs


def test_off_switch_renders_everything(client, settings):
    settings.HLP_FRAGMENT_CACHE = False
    client.get(REVIEW)  # makes renditions
    _, first = queries(client, REVIEW)
    _, second = queries(client, REVIEW)
    assert len(second) >= 8  # the body, tags, authors, partners, programmes all again
    assert len(first) == len(second)


def test_a_change_in_a_transaction_is_its_own_until_commit(review):
    from django.db import connections, transaction

    before = page_cache.generation()
    with transaction.atomic():
        review.title = "Changed inside a transaction"
        review.save()
        during = page_cache.generation()
        # The transaction sees its change at once; others keep the shared generation
        # until the commit (a request rendering the old rows meanwhile stores them there).
        assert during != before
        assert page_cache._read_generation() == before
    # The test's own transaction never commits: do what the commit does.
    connection = connections["default"]
    pending = [
        callback
        for _, callback, _ in connection.run_on_commit
        if isinstance(callback, page_cache._InvalidateOnCommit)
    ]
    assert pending
    connection.run_on_commit = []
    for callback in pending:
        callback()
    after = page_cache.generation()
    assert after not in (before, during)


def test_not_found_pages_keep_nothing(client):
    from django.core.cache import cache

    cache.clear()
    assert client.get("/no/such/page/").status_code == 404
    assert not [key for key in cache._cache if "template.cache" in key]
    client.get(REVIEW)
    assert [key for key in cache._cache if "template.cache" in key]


def test_site_lookup_is_cached_until_a_site_changes(client):
    client.get("/")
    _, warm = queries(client, "/")
    assert not any("wagtailcore_site" in query["sql"] for query in warm.captured_queries)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed site"
    site.save()
    _, after = queries(client, "/")
    assert any("wagtailcore_site" in query["sql"] for query in after.captured_queries)


def test_admin_live_preview_shows_the_draft_after_the_live_page_was_cached(
    client, django_user_model, review
):
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    assert b"Draft title in the live preview" not in client.get(REVIEW).content
    editor = django_user_model.objects.create_superuser("frag-preview", "p@example.org", "pw")
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    data["title"] = "Draft title in the live preview"
    data["body-count"] = "0"  # the StreamField is built by JavaScript; not needed here
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[review.pk])
    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url)
    assert b"Draft title in the live preview" in preview.content
    client.logout()
    assert b"Draft title in the live preview" not in client.get(REVIEW).content


def test_lapse_time_is_now_rounded_up_to_the_minute(monkeypatch):
    import datetime

    from django.utils import timezone

    from hlp_site.core import visibility

    moment = datetime.datetime(2026, 11, 25, 12, 0, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert visibility.lapse_time() == moment.replace(minute=1, second=0)
    on_the_minute = moment.replace(second=0)
    monkeypatch.setattr(timezone, "now", lambda: on_the_minute)
    assert visibility.lapse_time() == on_the_minute


def test_a_post_expiring_later_in_the_minute_is_already_left_out(client, monkeypatch):
    import datetime

    from django.utils import timezone

    post = ArticlePage.objects.live().order_by("-date").first()
    assert post.title.encode() in client.get("/news/").content
    moment = timezone.now().replace(second=10, microsecond=0)
    post.expire_at = moment + datetime.timedelta(seconds=30)
    post.save()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    # Hidden up to a minute early, never late: the listing's SQL (and so its cached count)
    # stays the same for the whole minute.
    assert post.title.encode() not in client.get("/news/").content


def test_listing_counts_come_from_the_cache_within_a_minute(client, settings):
    settings.HLP_FRAGMENT_CACHE = False  # render the listing each time
    client.get("/news/?type=blog")
    _, warm = queries(client, "/news/?type=blog")
    assert not any("COUNT(" in query["sql"].upper() for query in warm.captured_queries)


def test_hidden_from_is_when_the_lapse_time_reaches_the_expiry():
    import datetime

    from hlp_site.core.visibility import hidden_from

    at = datetime.datetime(2026, 11, 25, 12, 0, 30, tzinfo=datetime.UTC)
    assert hidden_from(at) == at.replace(second=0)
    on_the_minute = at.replace(second=0)
    assert hidden_from(on_the_minute) == on_the_minute - datetime.timedelta(minutes=1)


def test_nothing_is_stored_past_the_next_expiry(client, review):
    """Listings hide a lapsed post before publish_scheduled unpublishes it (which is what
    moves the generation on), so pages and fragments stored before then must expire by
    then."""
    import datetime
    import time

    from django.core.cache import cache
    from django.utils import timezone

    assert page_cache.cache_timeout(3600) == 3600  # no expiry is scheduled in the demo
    review.expire_at = timezone.now() + datetime.timedelta(minutes=10)
    review.save_revision().publish()
    timeout = page_cache.cache_timeout(3600)
    assert 540 <= timeout <= 600

    cache.clear()
    client.get("/news/")
    fragment_expiries = [cache._expire_info[key] for key in cache._cache if "template.cache" in key]
    assert fragment_expiries
    assert max(fragment_expiries) <= time.time() + 601


def test_the_timeout_is_worked_out_before_rendering(client, monkeypatch):
    """A listing rendered just before a post lapses shows it, so it may only be kept until
    that moment, even if it is stored just after it."""
    import datetime

    from django.utils import timezone

    from hlp_site.core.templatetags import fragment_cache_tags

    post = ArticlePage.objects.live().order_by("-date").first()
    boundary = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    post.expire_at = boundary + datetime.timedelta(seconds=30)
    post.save_revision().publish()
    clock = {"now": boundary - datetime.timedelta(seconds=5)}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    stored = {}
    real_set = page_cache.generation_keyed_cache().set

    def set_after_the_minute(key, value, timeout=None, **kwargs):
        if "news-index" in key:
            clock["now"] = boundary + datetime.timedelta(seconds=1)  # rendering took a while
            stored["timeout"] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(
        fragment_cache_tags, "generation_keyed_cache", lambda: _Spy(set_after_the_minute)
    )
    assert post.title.encode() in client.get("/news/").content
    assert stored["timeout"] <= 5


class _Spy:
    def __init__(self, set_function):
        self.set = set_function

    def get(self, key, default=None):
        return default


def test_a_rolled_back_change_leaves_nothing_cached_for_others(client):
    from django.db import transaction

    from hlp_site.core.pages import restricted_sections

    post = ArticlePage.objects.live().order_by("-date").first()
    PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.PASSWORD, password="a-password"
    )
    assert b"password" in client.get(post.url).content.lower()
    with pytest.raises(RuntimeError), transaction.atomic():
        PageViewRestriction.objects.filter(page=post).delete()
        assert all(path != post.path for path, _ in restricted_sections())
        raise RuntimeError("the admin action fails after the change")
    assert PageViewRestriction.objects.filter(page=post).exists()
    assert any(path == post.path for path, _ in restricted_sections())
    assert b"password" in client.get(post.url).content.lower()


def test_the_alert_banner_times_bound_what_is_stored():
    import datetime

    from django.utils import timezone

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.alert_message = "Offices closed for the bank holiday"
    settings.alert_starts_at = timezone.now() + datetime.timedelta(minutes=10)
    settings.alert_ends_at = timezone.now() + datetime.timedelta(hours=5)
    settings.save()
    assert 590 <= page_cache.cache_timeout(3600) <= 600
