"""Driving the page editor as a browser would: scrape its form, change fields, post it."""

from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from news.models import ArticleIndexPage
from tests.factories import ArticlePageFactory

ACTIONS = {"publish": "action-publish", "submit": "action-submit", "save": None}


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def set_body(data, items, field="body"):
    """Replace the StreamField (built by JavaScript in a browser) with `items`.

    items: (block type, value) pairs; rich text values are given as HTML.
    """
    for key in [key for key in data if key.startswith(f"{field}-")]:
        del data[key]
    converted = [
        (kind, rich_text(value) if kind == "paragraph" else value) for kind, value in items
    ]
    for key, value in nested_form_data({field: streamfield(converted)}).items():
        data[key] = value
    return data


def post_edit(client, page, data, action="save"):
    if ACTIONS[action]:
        data[ACTIONS[action]] = ACTIONS[action]
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def draft_post(owner=None, **fields):
    """An unpublished blog post (with a tag and a body) owned by `owner`."""
    blog = ArticleIndexPage.objects.get(kind="blog")
    fields.setdefault("tag_names", ["prevention"])
    page = ArticlePageFactory(parent=blog, owner=owner, live=False, **fields)
    page.save_revision(user=owner)
    return page


GOOD_BODY = [
    ("heading", {"text": "What we did", "level": "h2"}),
    (
        "paragraph",
        '<p>Read about the <a href="https://www.england.nhs.uk/">NHS England plan</a>.</p>',
    ),
    ("heading", {"text": "Details", "level": "h3"}),
]
