"""The admin says "post" where the comms team read, and dates posts as they expect."""

import datetime
import html as html_lib
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from news.models import ArticleIndexPage, ArticlePage
from tests.editing import draft_post, edit_form, post_edit, set_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("eddie", "e@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def add_url():
    blog = ArticleIndexPage.objects.get(kind="blog")
    return reverse("wagtailadmin_pages:add", args=["blog", "articlepage", blog.pk])


def visible_text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def shown_messages(client, redirect):
    """The confirmations the editor sees on the page the admin sends them to."""
    html = client.get(redirect.url).content.decode()
    items = re.findall(r'<li class="success"[^>]*>(.*?)</li>', html, re.S)
    return [text for item in items if (text := html_lib.unescape(visible_text(item)).strip())]


def test_posts_listing_and_menu_say_post(editor_client):
    html = editor_client.get("/admin/posts/").content.decode()
    text = visible_text(html)
    assert "Add post" in text
    assert "Article page" not in text and "article page" not in text.lower()


def test_add_form_says_new_post_and_is_dated_today(editor_client):
    response = editor_client.get(add_url())
    html = response.content.decode()
    assert "New: Post" in visible_text(html)
    assert "rticle page" not in visible_text(html)
    data = querydict_from_html(html, form_id="page-edit-form")
    assert data["date"] == timezone.localdate().isoformat()


def test_saving_a_post_says_post(editor_client):
    page = draft_post(title="Winter pressures update")
    data = set_body(edit_form(editor_client, page), [("heading", {"text": "Hi", "level": "h2"})])
    response = post_edit(editor_client, page, data)
    assert response.status_code == 302
    assert shown_messages(editor_client, response) == [
        "Post 'Winter pressures update' has been updated."
    ]


@pytest.mark.parametrize("publish_copy", [False, True])
def test_a_copied_post_is_dated_today(editor_client, publish_copy):
    original = ArticlePage.objects.live().filter(date__year=2018).first()
    assert original.date != timezone.localdate()
    form = {
        "new_title": "A copy",
        "new_slug": "a-copy-of-a-post",
        "new_parent_page": original.get_parent().pk,
        **({"publish_copies": "on"} if publish_copy else {}),
    }
    response = editor_client.post(reverse("wagtailadmin_pages:copy", args=[original.pk]), form)
    assert response.status_code == 302
    copy = ArticlePage.objects.get(slug="a-copy-of-a-post")
    assert copy.get_latest_revision_as_object().date == timezone.localdate()
    assert copy.live == publish_copy
    if publish_copy:
        assert copy.date == timezone.localdate() and not copy.has_unpublished_changes
    original.refresh_from_db()
    assert original.date < timezone.localdate() - datetime.timedelta(days=1)
    assert shown_messages(editor_client, response) == [f"Post '{original.title}' copied. Edit"]


def listing_rows(client, url, **params):
    html = client.get(url, params).content.decode()
    table = html[html.index('<table class="listing') :]
    table = table[table.index("<tbody") : table.index("</tbody>")]
    return [visible_text(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


def test_listings_show_post_dates_as_dates_and_updates_as_relative(editor_client):
    rows = listing_rows(
        editor_client, "/admin/posts/", date_from="2018-12-18", date_to="2018-12-18"
    )
    review = next(row for row in rows if "Partners working together" in row)
    assert "18 December 2018" in review
    assert re.search(r"ago|Just now", review)  # "Updated" stays relative: how fresh an edit is
    assert "years ago" not in review.split("18 December 2018")[0]
    resources = listing_rows(editor_client, "/admin/resources/")
    assert resources and all(re.search(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", row) for row in resources)


def test_dashboard_since_is_a_date(client, django_user_model):
    # A plain editor: a moderator's own submission is in Wagtail's "Awaiting your review"
    # panel instead (each submission appears once), where the time is Wagtail's.
    writer = django_user_model.objects.create_user("writer", password="x")
    writer.groups.add(Group.objects.get(name="Editors"))
    client.force_login(writer)
    submitted = draft_post(title="Ready for review")
    submitted.get_workflow().start(submitted, writer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "Ready for review" in r)
    assert timezone.localtime().strftime("%-d %B %Y") in visible_text(row)
