"""Adding and removing tags on posts selected in the Posts listing (Wagtail bulk actions)."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from news.models import ArticlePage
from tests.editing import draft_post

pytestmark = pytest.mark.django_db


def bulk_url(action, pages):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    return url + "?" + "&".join(f"id={page.pk}" for page in pages) + "&next=/admin/posts/"


def live_posts(n, without_tag="children-and-young-people"):
    posts = ArticlePage.objects.live().filter(has_unpublished_changes=False)
    return list(posts.exclude(tags__slug=without_tag).order_by("pk")[:n])


def test_posts_listing_offers_the_tag_actions(admin_client):
    html = admin_client.get("/admin/posts/").content.decode()
    assert "Add tags" in html and "Remove tags" in html


def test_bulk_add_tag_publishes_live_posts_and_keeps_drafts_drafts(admin_client, client):
    posts = live_posts(2)
    draft = draft_post(title="Not yet out")
    url = bulk_url("add_tags", [*posts, draft])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "Not yet out" in confirm.content.decode()

    tag_count = Tag.objects.count()
    # A near-duplicate of an existing tag adds that tag, not a new one.
    response = admin_client.post(url, {"tags": '"children & young people"'}, follow=True)
    messages = [str(message).strip() for message in response.context["messages"]]
    assert messages == ["Added “Children and young people” to 3 pages."]
    assert Tag.objects.count() == tag_count
    for post in posts:
        post = ArticlePage.objects.get(pk=post.pk)
        assert "children-and-young-people" in {tag.slug for tag in post.tags.all()}
        assert not post.has_unpublished_changes
    draft = ArticlePage.objects.get(pk=draft.pk)
    assert not draft.live
    assert "children-and-young-people" in {
        tag.slug for tag in draft.get_latest_revision_as_object().tags.all()
    }
    tag_page = client.get("/news/tags/children-and-young-people/").content.decode()
    assert all(post.url in tag_page for post in posts)


def test_bulk_remove_tag(admin_client):
    post = ArticlePage.objects.live().filter(tags__slug="asthma").first()
    response = admin_client.post(bulk_url("remove_tags", [post]), {"tags": "asthma"}, follow=True)
    messages = [str(message).strip() for message in response.context["messages"]]
    assert messages == ["Removed “Asthma” from 1 page."]
    post = ArticlePage.objects.get(pk=post.pk)
    assert "asthma" not in {tag.slug for tag in post.tags.all()}
    assert not post.has_unpublished_changes
    assert Tag.objects.filter(slug="asthma").exists()


def test_bulk_tag_without_a_tag_is_a_form_error(admin_client):
    post = live_posts(1)[0]
    before = post.latest_revision_id
    response = admin_client.post(bulk_url("add_tags", [post]), {"tags": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["tags"]
    assert ArticlePage.objects.get(pk=post.pk).latest_revision_id == before
