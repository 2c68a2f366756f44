"""A Moderator shares a draft; a reviewer opens the link in a fresh browser, signed out."""

import re

import pytest

from tests.browser.axe import wcag_violations
from tests.browser.test_content_review import sign_in_as_moderator

pytestmark = [pytest.mark.browser, pytest.mark.editor]

PAGE_TITLE = "Crisis care"


def test_a_reviewer_opens_a_share_link_without_an_account(open_page, live_site):
    moderator = open_page()
    sign_in_as_moderator(moderator, live_site)
    moderator.goto("/admin/pages/search/?q=" + PAGE_TITLE)
    moderator.get_by_role("link", name=PAGE_TITLE, exact=True).first.click()
    moderator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("link", name="Share for review").click()
    moderator.wait_for_url(re.compile(r"/admin/review-links/pages/\d+/"))
    moderator.get_by_role("button", name="Create share link").click()
    link = moderator.get_by_role("textbox", name="Share link").input_value()
    assert re.fullmatch(re.escape(live_site.url) + r"/review/[A-Za-z0-9_-]{43}/", link)
    assert moderator.get_by_role("cell", name="Active").count() == 1

    reviewer = open_page("mobile")  # its own browser context: no session, no cookies
    response = reviewer.goto(link)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert "no-store" in response.headers["cache-control"]
    assert reviewer.get_by_role("heading", name=PAGE_TITLE, level=1).is_visible()
    assert reviewer.get_by_text("Draft for review").is_visible()
    assert reviewer.context.cookies() == []
    assert wcag_violations(reviewer) == []

    # Revoked: the same address is a plain 404.
    moderator.get_by_role("button", name="Revoke").click()
    moderator.get_by_text("Share link revoked").wait_for()
    assert reviewer.goto(link).status == 404
