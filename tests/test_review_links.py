"""Share links: one revision of a draft, read-only, for reviewers outside the CMS."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from hlp_site.publishing import roles
from hlp_site.review_links.models import ReviewLink
from tests.editing import draft_post

pytestmark = pytest.mark.django_db

LINK = re.compile(r'value="(http://testserver/review/[A-Za-z0-9_-]+/)"')


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "eddie", "eddie@example.org", "pw", first_name="Eddie", last_name="Editor"
    )
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def draft(editor):
    return draft_post(owner=editor, title="Winter pressures: a draft for the clinical lead")


def create_link(client, page, days=7):
    response = client.post(reverse("review_links:page_links", args=[page.pk]), {"days": days})
    assert response.status_code == 200
    match = LINK.search(response.content.decode())
    assert match, "the new link is shown once"
    return match.group(1).removeprefix("http://testserver")


def test_an_editor_shares_a_draft_that_anyone_can_read(editor_client, editor, draft):
    # The edit screen's action menu offers it.
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert reverse("review_links:page_links", args=[draft.pk]) in edit.content.decode()

    url = create_link(editor_client, draft)
    link = ReviewLink.objects.get(page=draft)
    assert link.created_by == editor
    assert link.revision == draft.get_latest_revision()
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(days=7)
    # Only a hash is stored, never the token itself.
    token = url.split("/")[2]
    assert token not in link.token_hash and len(token) >= 43

    response = Client().get(url)  # no login
    assert response.status_code == 200
    html = response.content.decode()
    assert "Winter pressures: a draft for the clinical lead" in html
    assert "Draft for review" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # The public site's strict policy, not the admin's.
    assert "unsafe-inline" not in response["Content-Security-Policy"]

    # Listed on the page's screen with who made it, and in the page's history.
    listing = editor_client.get(reverse("review_links:page_links", args=[draft.pk]))
    assert "Eddie Editor" in listing.content.decode() and "Active" in listing.content.decode()
    entry = PageLogEntry.objects.get(page=draft, action="review_links.create")
    assert entry.user == editor and entry.data["link_id"] == link.pk
    assert entry.revision == link.revision


def test_a_link_never_shows_a_later_revision(editor_client, draft):
    url = create_link(editor_client, draft)
    draft.title = "A later title nobody shared"
    draft.save_revision()
    html = Client().get(url).content.decode()
    assert "Winter pressures" in html and "A later title nobody shared" not in html


def test_expired_revoked_tampered_and_guessed_links_are_a_plain_404(editor_client, draft):
    url = create_link(editor_client, draft)
    token = url.split("/")[2]
    tampered = url.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    for bad in [tampered, "/review/guess/", "/review/" + "x" * 500 + "/"]:
        assert Client().get(bad).status_code == 404, bad

    link = ReviewLink.objects.get(page=draft)
    link.expires_at = timezone.now() - timedelta(seconds=1)
    link.save()
    expired = Client().get(url)
    assert expired.status_code == 404
    assert "Winter pressures" not in expired.content.decode()


def test_revoking_a_link_closes_it_and_is_logged(editor_client, editor, draft):
    url = create_link(editor_client, draft)
    link = ReviewLink.objects.get(page=draft)
    response = editor_client.post(reverse("review_links:revoke", args=[link.pk]))
    assert response.status_code == 302
    assert Client().get(url).status_code == 404
    link.refresh_from_db()
    assert link.revoked_by == editor and link.status == "revoked"
    assert PageLogEntry.objects.filter(page=draft, action="review_links.revoke").exists()
    listing = editor_client.get(reverse("review_links:page_links", args=[draft.pk]))
    assert "Revoked by Eddie Editor" in listing.content.decode()


def test_bad_input_and_outsiders_make_nothing(editor_client, draft, demo_page, django_user_model):
    for days in ["0", "31", "seven", ""]:
        response = editor_client.post(
            reverse("review_links:page_links", args=[draft.pk]), {"days": days}
        )
        assert response.status_code == 200 and "error-message" in response.content.decode()
    assert not ReviewLink.objects.exists()

    # An editor cannot share the home page (they may not edit it); nor can a stranger.
    home = demo_page("/")
    # (Wagtail's admin turns PermissionDenied into a redirect with a message.)
    refused = editor_client.post(reverse("review_links:page_links", args=[home.pk]), {"days": 7})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert editor_client.get(reverse("review_links:page_links", args=[10**9])).status_code == 404
    stranger = Client()
    response = stranger.post(reverse("review_links:page_links", args=[draft.pk]), {"days": 7})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ReviewLink.objects.exists()


def test_share_links_skip_the_whole_page_cache(settings, editor_client, draft):
    settings.HLP_PAGE_CACHE = True
    url = create_link(editor_client, draft)
    first = Client().get(url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    ReviewLink.objects.update(revoked_at=timezone.now())
    assert Client().get(url).status_code == 404  # nothing stored serves it after revoking
