"""A Moderator finds an overdue page in the Content review report and marks it reviewed."""

import datetime
import re

import pytest

from tests.browser.site_setup import MODERATOR_USERNAME

pytestmark = [pytest.mark.browser, pytest.mark.editor]

PAGE_TITLE = "Crisis care"  # overdue in the demo content
PAGE_URL = "/our-work/mental-health/crisis-care/"


def sign_in_as_moderator(page, live_site):
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(MODERATOR_USERNAME)
    page.get_by_label("Password").fill(live_site.admin_password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_site("/admin/"))


def test_a_moderator_marks_an_overdue_page_reviewed(page, live_site):
    sign_in_as_moderator(page, live_site)

    page.goto("/admin/content-review/?due=overdue")
    page.get_by_role("link", name=PAGE_TITLE, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    edit_url = page.url

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("link", name="Mark as reviewed").click()
    page.wait_for_url(re.compile(r"/admin/content-review/pages/\d+/mark-reviewed/"))
    page.get_by_role("button", name="Yes, mark as reviewed").click()

    page.wait_for_url(edit_url)
    today = datetime.date.today()
    message = page.get_by_text(f"“{PAGE_TITLE}” marked as reviewed.")
    message.wait_for()
    assert "Next review due" in message.inner_text()

    # Off the overdue list, and the public page says when it was reviewed.
    page.goto("/admin/content-review/?due=overdue")
    assert page.get_by_role("link", name=PAGE_TITLE, exact=True).count() == 0
    page.goto(PAGE_URL)
    line = page.locator(".hlp-review-dates")
    assert f"Page last reviewed: {today.day} {today:%B %Y}" in " ".join(line.inner_text().split())
