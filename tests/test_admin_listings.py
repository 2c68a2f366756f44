"""The admin's Posts and Resources listings, and the dashboard's work in progress."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from news.models import ArticleIndexPage, ArticlePage
from programmes.models import ProgrammePage
from resources.models import ResourcePage
from tests.editing import draft_post
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

POSTS = "/admin/posts/"
RESOURCES = "/admin/resources/"


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("eddie", "e@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def listed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [page.pk for page in response.context["object_list"]]


def test_posts_is_in_the_admin_menu(editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert POSTS in html and RESOURCES in html


def test_posts_newest_first_and_sortable_by_date(editor_client):
    newest_first = listed(editor_client, POSTS)
    dates = [ArticlePage.objects.get(pk=pk).date for pk in newest_first]
    assert dates == sorted(dates, reverse=True)
    oldest_first = listed(editor_client, POSTS, ordering="date")
    assert [ArticlePage.objects.get(pk=pk).date for pk in oldest_first] == sorted(dates)


def test_posts_filter_by_kind_programme_tag_and_date(editor_client, demo_page):
    videos = listed(editor_client, POSTS, kind="video")
    assert videos and set(videos) == set(
        ArticlePage.objects.child_of(ArticleIndexPage.objects.get(kind="video")).values_list(
            "pk", flat=True
        )
    )
    mental_health = demo_page("/our-work/mental-health/")
    by_programme = listed(editor_client, POSTS, programme=mental_health.pk)
    expected = set(ArticlePage.objects.tagged(mental_health.tag_ids()).values_list("pk", flat=True))
    assert by_programme and set(by_programme) == expected
    from taggit.models import Tag

    asthma = Tag.objects.get(slug="asthma")
    assert set(listed(editor_client, POSTS, tag=asthma.pk)) == set(
        ArticlePage.objects.filter(tags=asthma).values_list("pk", flat=True)
    )
    in_2018 = listed(editor_client, POSTS, date_from="2018-01-01", date_to="2018-12-31")
    assert in_2018 and all(ArticlePage.objects.get(pk=pk).date.year == 2018 for pk in in_2018)
    # An unknown value is a form error with nothing filtered out, never a 500.
    assert editor_client.get(POSTS, {"kind": "podcast"}).status_code == 200
    assert editor_client.get(POSTS, {"programme": "999999"}).status_code == 200


def test_posts_filter_by_status(editor_client):
    draft = draft_post(title="A draft only")
    scheduled = draft_post(title="Coming soon")
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=2)
    scheduled.save_revision().publish()
    assert draft.pk in listed(editor_client, POSTS, status="draft")
    assert scheduled.pk in listed(editor_client, POSTS, status="scheduled")
    assert draft.pk not in listed(editor_client, POSTS, status="scheduled")
    live = listed(editor_client, POSTS, status="live")
    assert draft.pk not in live and ArticlePage.objects.live().first().pk in live


def test_resources_filter_by_type_and_programme(editor_client, demo_page):
    toolkits = listed(editor_client, RESOURCES, resource_type="toolkit")
    assert toolkits and all(
        ResourcePage.objects.get(pk=pk).resource_type == "toolkit" for pk in toolkits
    )
    programme = ProgrammePage.objects.filter(slug="mental-health").get()
    expected = set(ResourcePage.objects.tagged(programme.tag_ids()).values_list("pk", flat=True))
    assert set(listed(editor_client, RESOURCES, programme=programme.pk)) == expected


# Wagtail's own row buttons check "can delete?" per row for non-superusers, which asks
# whether the page has descendants (two queries per row, Wagtail's cost, not ours). Our
# columns and filters must add nothing per row on top of that.
WAGTAIL_QUERIES_PER_ROW = 2


def test_posts_listing_queries_grow_only_by_wagtails_row_checks(editor_client):
    blog = ArticleIndexPage.objects.get(kind="blog")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(POSTS).status_code == 200
        return len(captured)

    editor_client.get(POSTS)
    for _ in range(3):
        ArticlePageFactory(parent=blog, tag_names=["prevention"])
    small = count()
    for _ in range(20):
        ArticlePageFactory(parent=blog, tag_names=["prevention"])
    assert count() <= small + 20 * WAGTAIL_QUERIES_PER_ROW


def test_dashboard_shows_drafts_sign_offs_and_schedule(client, django_user_model):
    moderator = django_user_model.objects.create_user("mo", "mo@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    draft_post(title="Still writing this one")
    submitted = draft_post(title="Ready for review")
    submitted.get_workflow().start(submitted, moderator)
    scheduled = draft_post(title="Scheduled for spring")
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision().publish()

    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Work in progress" in html
    section = html[html.index("Work in progress") :]
    awaiting = section[section.index("Awaiting sign-off") : section.index(">Scheduled<")]
    schedule = section[section.index(">Scheduled<") : section.index(">Drafts<")]
    drafts = section[section.index(">Drafts<") : section.index("end of work in progress")]
    # A moderator signs it off from Wagtail's "Awaiting your review"; listed once, there.
    assert "Ready for review" not in awaiting
    assert "Ready for review" in html[html.index('id="awaiting-review-section"') :]
    assert "Scheduled for spring" in schedule
    assert "Still writing this one" in drafts
    assert "Ready for review" not in drafts and "Scheduled for spring" not in drafts


def test_posts_listing_shows_tags_and_programmes(editor_client):
    html = editor_client.get(POSTS, {"tag": Tag.objects.get(slug="asthma").pk}).content.decode()
    table = html[html.index('<table class="listing') :]
    body = table[table.index("<tbody") : table.index("</tbody>")]
    rows = body.split("<tr")[1:]
    assert rows
    for row in rows:
        assert "asthma" in row.lower()
    # The asthma posts are tagged children-and-young-people, which the CYP programme names.
    cyp = ProgrammePage.objects.filter(tags__slug="children-and-young-people").first()
    assert cyp is not None and all(cyp.title in row for row in rows)


@pytest.mark.parametrize("extra_posts", [3, 30])
def test_posts_listing_queries_are_flat(editor_client, extra_posts, django_assert_max_num_queries):
    """Tags and programmes columns cost the same at 3 or 30 more posts (superuser-free
    editors still pay Wagtail's own row checks; see WAGTAIL_QUERIES_PER_ROW)."""
    blog = ArticleIndexPage.objects.get(kind="blog")
    for n in range(extra_posts):
        ArticlePageFactory(parent=blog, tag_names=["prevention", f"topic-{n}"])
    rows = min(ArticlePage.objects.count(), 50)  # Wagtail's page size
    editor_client.get(POSTS)
    # Measured: 64 queries at 18 rows, 118 at 48 (Wagtail's row checks, ~2 a row).
    with django_assert_max_num_queries(30 + rows * WAGTAIL_QUERIES_PER_ROW):
        assert editor_client.get(POSTS, {"ordering": "-date"}).status_code == 200
