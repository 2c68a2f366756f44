"""Authors (bylines): drafts and sign-off, the chooser's Create tab, usage, and JSON-LD."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision, WorkflowContentType

from hlp_site.publishing import roles
from news.models import ArticlePage, ArticlePageAuthor, Author

pytestmark = pytest.mark.django_db

POST_URL = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def post_authors_json_ld(html):
    for block in JSON_LD.findall(html):
        data = json.loads(block)
        for item in data if isinstance(data, list) else [data]:
            if "author" in item:
                return item["author"]
    raise AssertionError("no JSON-LD with an author")


def user_in(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def byline_author(demo_page):
    post = demo_page(POST_URL)
    return post.authors.first().author


def test_a_draft_edit_does_not_change_the_live_byline_until_published(
    django_user_model, byline_author
):
    assert WorkflowContentType.objects.filter(
        content_type__model="author", workflow__name=roles.WORKFLOW_NAME
    ).exists()
    live_name = byline_author.name
    _, editor = user_in(django_user_model, "eddie", roles.EDITORS)
    edit_url = reverse("wagtailsnippets_blog_author:edit", args=[byline_author.pk])
    form = editor.get(edit_url).content.decode()
    assert "Save draft" in form and "Submit to Comms sign-off" in form
    assert 'name="action-publish"' not in form  # editors cannot publish authors
    response = editor.post(edit_url, {"name": "A new name", "role": "Director", "kind": "person"})
    assert response.status_code == 302

    byline_author.refresh_from_db()
    assert byline_author.name == live_name and byline_author.has_unpublished_changes
    html = Client().get(POST_URL).content.decode()
    assert live_name in html and "A new name" not in html
    # The preview shows the draft.
    preview = editor.post(
        reverse("wagtailsnippets_blog_author:preview_on_edit", args=[byline_author.pk]),
        {"name": "A new name", "role": "Director", "kind": "person"},
    )
    assert preview.json()["is_valid"]

    # A Moderator publishes the draft: now the post shows it.
    _, moderator = user_in(django_user_model, "mo", roles.MODERATORS)
    moderator.post(
        edit_url,
        {"name": "A new name", "role": "Director", "kind": "person", "action-publish": "1"},
    )
    byline_author.refresh_from_db()
    assert byline_author.name == "A new name" and not byline_author.has_unpublished_changes
    assert "A new name" in Client().get(POST_URL).content.decode()


def test_an_editor_creates_a_draft_author_from_the_chooser(django_user_model, demo_page):
    _, editor = user_in(django_user_model, "eddie", roles.EDITORS)
    chooser = editor.get(reverse("wagtailsnippetchoosers_blog_author:choose"))
    assert "Create" in chooser.json()["html"]
    response = editor.post(
        reverse("wagtailsnippetchoosers_blog_author:create"),
        {"name": "Winter Health Team", "role": "", "kind": "team"},
    )
    assert response.json()["step"] == "chosen"
    author = Author.objects.get(name="Winter Health Team")
    assert not author.live and Revision.objects.for_instance(author).count() == 1
    # Bad input: a form error, nothing saved.
    bad = editor.post(reverse("wagtailsnippetchoosers_blog_author:create"), {"kind": "robot"})
    assert bad.json()["step"] == "reshow_creation_form"
    assert Author.objects.filter(name="").count() == 0

    # A post with the draft author does not show it until it is published.
    post = demo_page(POST_URL)
    ArticlePageAuthor.objects.create(page=post, author=author, sort_order=9)
    html = Client().get(POST_URL).content.decode()
    assert "Winter Health Team" not in html
    assert "Winter Health Team" not in post.author_names()


def test_the_author_usage_view_lists_the_posts(django_user_model, byline_author):
    _, moderator = user_in(django_user_model, "mo", roles.MODERATORS)
    usage = moderator.get(reverse("wagtailsnippets_blog_author:usage", args=[byline_author.pk]))
    assert usage.status_code == 200
    assert "Partners working together to improve health and care in 2018" in usage.content.decode()


def test_a_team_author_is_an_organization_with_its_profile_page(demo_page):
    post = demo_page(POST_URL)
    team = Author.objects.create(
        name="Healthy London Partnership comms team",
        kind="team",
        role="Communications",
        has_profile_page=True,
    )
    ArticlePageAuthor.objects.create(page=post, author=team, sort_order=9)
    html = Client().get(POST_URL).content.decode()
    authors = post_authors_json_ld(html)
    profile = f"/news/authors/{team.pk}/"
    assert {
        "@type": "Organization",
        "name": "Healthy London Partnership comms team",
        "description": "Communications",
        "url": f"http://localhost{profile}",
    } in authors
    assert authors[0]["@type"] == "Person" and "url" not in authors[0]
    assert f'<a href="{profile}">Healthy London Partnership comms team</a>' in html

    page = Client().get(profile)
    assert page.status_code == 200
    assert "Partners working together to improve health and care in 2018" in page.content.decode()
    # No profile page for authors without one, drafts, or unknown numbers.
    team.has_profile_page = False
    team.save()
    assert Client().get(profile).status_code == 404
    assert Client().get("/news/authors/999999/").status_code == 404
    assert ArticlePage.objects.filter(authors__author=team).exists()
