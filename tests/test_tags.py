"""Tags as a managed vocabulary: usage counts, rename, merge, delete unused, autocomplete."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from taggit.models import Tag

from news.models import ArticlePage, ArticlePageTag
from programmes.models import ProgrammePage
from resources.models import ResourcePage
from tests.editing import GOOD_BODY, draft_post, edit_form, post_edit, set_body

pytestmark = pytest.mark.django_db

GREAT_WEIGHT_DEBATE = "/our-work/prevention/great-weight-debate/"


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user("mo", "mo@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def tag_url(action, *args):
    return reverse(f"wagtailsnippets_taggit_tag:{action}", args=args)


def post_links(client, url):
    html = client.get(url).content.decode()
    return {post.url for post in ArticlePage.objects.live() if f'href="{post.url}"' in html}


def test_listing_shows_each_tag_with_its_usage(moderator_client):
    response = moderator_client.get(tag_url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    prevention = Tag.objects.get(slug="prevention")
    posts = ArticlePageTag.objects.filter(tag=prevention).count()
    assert posts > 1
    listed = {tag.name: tag for tag in response.context["object_list"]}
    assert listed["Prevention"].posts_count == posts
    assert listed["Prevention"].programmes_count == 1
    for heading in ["Posts", "Resources", "Programmes"]:
        assert heading in html
    assert tag_url("merge") in html  # the "Merge tags" button


def test_listing_sorts_by_usage(moderator_client):
    response = moderator_client.get(tag_url("list"), {"ordering": "-posts_count"})
    counts = [tag.posts_count for tag in response.context["object_list"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0


def test_rename_keeps_every_post(moderator_client, client):
    tag = Tag.objects.get(slug="asthma")
    tagged = set(ArticlePageTag.objects.filter(tag=tag).values_list("content_object_id", flat=True))
    response = moderator_client.post(
        tag_url("edit", tag.pk), {"name": "Asthma care", "slug": "asthma-care"}
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.name == "Asthma care"
    assert (
        set(ArticlePageTag.objects.filter(tag=tag).values_list("content_object_id", flat=True))
        == tagged
    )
    assert client.get("/news/tags/asthma-care/").status_code == 200
    old_address = client.get("/news/tags/asthma/")  # partners' links keep working
    assert (old_address.status_code, old_address["Location"]) == (301, "/news/tags/asthma-care/")


def test_merge_moves_every_post_and_programme_pages_follow(moderator_client, client, demo_page):
    source = Tag.objects.get(slug="great-weight-debate")
    target = Tag.objects.get(slug="childhood-obesity")
    programme = demo_page(GREAT_WEIGHT_DEBATE)
    posts_before = post_links(client, GREAT_WEIGHT_DEBATE)
    source_posts = set(ArticlePage.objects.filter(tags=source).values_list("pk", flat=True))
    assert source_posts and posts_before
    # A draft (not yet published) also carries the old tag, only in its revision.
    draft = draft_post(title="Sugar tax one year on", tag_names=["great-weight-debate"])
    ArticlePageTag.objects.filter(content_object=draft).delete()  # only the revision has it

    choices = {"sources": f'"{source.name}"', "target": target.pk}
    response = moderator_client.post(tag_url("merge"), {**choices, "confirm": "1"})
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=source.pk).exists()
    # Every post that had the old tag has the surviving one.
    assert source_posts <= set(ArticlePage.objects.filter(tags=target).values_list("pk", flat=True))
    # The programme now has the surviving tag once, and still lists the same posts.
    programme.refresh_from_db()
    assert [tag.slug for tag in ProgrammePage.objects.get(pk=programme.pk).tags.all()] == [
        "childhood-obesity"
    ]
    assert post_links(client, GREAT_WEIGHT_DEBATE) == posts_before
    # Publishing the old draft brings the surviving tag, not the merged one.
    draft.refresh_from_db()
    draft.get_latest_revision().publish()
    assert [tag.slug for tag in ArticlePage.objects.get(pk=draft.pk).tags.all()] == [
        "childhood-obesity"
    ]
    assert draft.url in post_links(client, GREAT_WEIGHT_DEBATE)


def test_merging_a_tag_into_itself_is_refused(moderator_client):
    tag = Tag.objects.get(slug="prevention")
    response = moderator_client.post(tag_url("merge"), {"sources": tag.name, "target": tag.pk})
    assert response.status_code == 200
    assert "Choose at least one tag other than the one to keep." in response.content.decode()
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_only_unused_tags_can_be_deleted(moderator_client):
    unused = Tag.objects.create(name="old campaign", slug="old-campaign")
    assert moderator_client.post(tag_url("delete", unused.pk)).status_code == 302
    assert not Tag.objects.filter(pk=unused.pk).exists()

    used = Tag.objects.get(slug="digital")
    response = moderator_client.post(tag_url("delete", used.pk), follow=True)
    assert Tag.objects.filter(pk=used.pk).exists()
    assert "is still in use" in response.content.decode()
    assert "Merge it into another tag instead" in response.content.decode()


def test_a_tag_only_a_draft_uses_is_in_use(moderator_client):
    draft = draft_post(title="Draft only", tag_names=["brand-new-topic"])
    ArticlePageTag.objects.filter(content_object=draft).delete()  # as if never published
    tag = Tag.objects.get(slug="brand-new-topic")
    moderator_client.post(tag_url("delete", tag.pk))
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_editors_cannot_manage_tags(client, django_user_model):
    user = django_user_model.objects.create_user("eddie", "e@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    tag = Tag.objects.get(slug="digital")
    client.post(
        tag_url("merge"),
        {"sources": tag.name, "target": Tag.objects.first().pk, "confirm": "1"},
    )
    assert Tag.objects.filter(pk=tag.pk).exists()
    assert client.get(tag_url("list")).status_code in (302, 403)


@pytest.mark.parametrize("model", [ArticlePage, ResourcePage, ProgrammePage])
def test_every_tagged_page_has_tag_autocomplete(admin_client, model):
    page = model.objects.live().first()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-w-tag-url-value="/admin/tag-suggestions/"' in html


def test_tag_autocomplete_suggests_existing_tags(admin_client):
    response = admin_client.get("/admin/tag-suggestions/", {"term": "mental"})
    assert response.status_code == 200
    assert {"Mental health", "Mental health in schools"} <= set(response.json())


@pytest.mark.parametrize(
    "typed", ["Children & young people", "children and young people", "children & y"]
)
def test_tag_autocomplete_suggests_the_existing_tag_for_a_near_duplicate(admin_client, typed):
    response = admin_client.get("/admin/tag-suggestions/", {"term": typed})
    assert response.json() == ["Children and young people"]


def test_tag_autocomplete_needs_an_admin_login(client):
    response = client.get("/admin/tag-suggestions/", {"term": "mental"})
    assert response.status_code == 302


def test_saving_a_near_duplicate_tag_uses_the_existing_tag(admin_client):
    page = draft_post()
    data = set_body(edit_form(admin_client, page), GOOD_BODY)
    data["tags"] = '"Children & young people", "MENTAL-HEALTH", "Brand new topic"'
    tag_count = Tag.objects.count()
    response = post_edit(admin_client, page, data)
    assert response.status_code == 302
    revision = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert sorted(tag.slug for tag in revision.tags.all()) == [
        "brand-new-topic",
        "children-and-young-people",
        "mental-health",
    ]
    assert Tag.objects.count() == tag_count + 1  # only "Brand new topic" is new


def test_tag_listing_queries_do_not_grow_with_tags(moderator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert moderator_client.get(tag_url("list")).status_code == 200
        return len(captured)

    moderator_client.get(tag_url("list"))
    Tag.objects.bulk_create([Tag(name=f"spare {n}", slug=f"spare-{n}") for n in range(3)])
    small = count()
    Tag.objects.bulk_create([Tag(name=f"extra {n}", slug=f"extra-{n}") for n in range(30)])
    assert count() == small


def test_merge_shows_what_will_move_and_changes_nothing_until_confirmed(moderator_client):
    source = Tag.objects.get(slug="great-weight-debate")
    target = Tag.objects.get(slug="childhood-obesity")
    posts = ArticlePageTag.objects.filter(tag=source).count()
    assert posts > 1
    form = moderator_client.get(tag_url("merge"), {"tag": source.pk}).content.decode()
    assert "Great Weight Debate" in form  # preselected from the listing
    assert 'data-w-tag-url-value="/admin/tag-suggestions/"' in form  # searchable
    assert "Choose a tag" in form or "chooser" in form  # the snippet chooser for the target

    response = moderator_client.post(
        tag_url("merge"), {"sources": '"great weight debate"', "target": target.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<li>Posts: {posts}</li>" in html
    assert "<li>Programmes: 1</li>" in html
    assert "<li>Events: 0</li>" in html
    assert "Yes, merge" in html
    assert Tag.objects.filter(pk=source.pk).exists()  # nothing changed yet

    response = moderator_client.post(
        tag_url("merge"),
        {"sources": '"Great Weight Debate"', "target": target.pk, "confirm": "1"},
        follow=True,
    )
    message = str(list(response.context["messages"])[0])
    assert message.startswith(
        f"Merged “Great Weight Debate” into “Childhood obesity”: {posts} posts, 1 programme and "
    )
    assert "0 " not in message
    assert not Tag.objects.filter(pk=source.pk).exists()


def test_merge_with_an_unknown_tag_is_a_form_error(moderator_client):
    target = Tag.objects.get(slug="prevention")
    response = moderator_client.post(
        tag_url("merge"), {"sources": "no such tag", "target": target.pk, "confirm": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["sources"]
