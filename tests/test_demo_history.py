"""The demo content's history: its first revision can be compared with and reverted to.

An editor changes only the title of a demo page in the page editor; the history then
offers the demo revision to compare and review, and the comparison shows the title
changed and the untouched body unchanged.
"""

import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.editing import edit_form, post_edit

pytestmark = pytest.mark.django_db

PAGE = "/our-work/prevention/hiv-fast-track-city/"  # a body of headings and paragraphs


def body_as_the_editor_posts_it(page):
    """The body's form data as the editor's JavaScript sends it: each block keeps its id,
    rich text travels in Draftail's format."""
    items = []
    for child in page.body:
        assert child.block_type in {"heading", "paragraph"}, f"{PAGE}: {child.block_type}"
        value = child.value.source if child.block_type == "paragraph" else dict(child.value)
        items.append(
            (child.block_type, rich_text(value) if child.block_type == "paragraph" else value)
        )
    data = nested_form_data({"body": streamfield(items)})
    for index, child in enumerate(page.body):
        data[f"body-{index}-id"] = child.id
    return data


def edit_title_only(admin_client, page, title):
    data = edit_form(admin_client, page)
    for key in [key for key in data if key.startswith("body-")]:
        del data[key]
    data.update(body_as_the_editor_posts_it(page))
    data["title"] = title
    response = post_edit(admin_client, page, data, "publish")
    assert response.status_code == 302, unescape(response.content.decode())[:2000]


def test_a_demo_page_has_one_logged_revision_from_the_loader(demo_page):
    page = demo_page(PAGE)
    first = page.revisions.get()
    assert page.live_revision_id == first.pk
    # Logged as an edit carrying its revision, as the page editor logs a save.
    assert page.latest_revision.pk == first.pk
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=page, action="wagtail.edit", revision=first).exists()


def test_first_revision_is_compared_with_an_edit_and_the_body_is_unchanged(admin_client, demo_page):
    page = demo_page(PAGE)
    first = page.revisions.get()
    original_title = page.title
    edit_title_only(admin_client, page, "HIV Fast-Track City (edited)")
    page.refresh_from_db()
    edit = page.latest_revision
    assert edit.pk != first.pk

    history = admin_client.get(reverse("wagtailadmin_pages:history_results", args=[page.pk]))
    assert history.status_code == 200
    links = set(re.findall(r'href="([^"]+)"', history.content.decode()))
    compare_url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, edit.pk])
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    assert compare_url in links, "no 'Compare with previous version' for the edit"
    assert revert_url in links, "no 'Review this version' for the demo revision"

    compare = admin_client.get(compare_url)
    assert compare.status_code == 200
    html = compare.content.decode()
    changed = [
        unescape(re.sub(r"<[^>]+>", "", label)).strip().rstrip(":")
        for label in re.findall(r'<div class="title-wrapper">(.*?)</div>', html, re.DOTALL)
    ]
    # The comparison lists changed fields only: the title, not the untouched body.
    assert changed == ["Title"], changed

    revert = admin_client.get(revert_url)
    assert revert.status_code == 200
    assert f'value="{original_title}"' in unescape(revert.content.decode())
