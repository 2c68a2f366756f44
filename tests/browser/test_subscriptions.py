"""Email updates in a real browser: subscribe from a programme page, confirm through the
link in the email (read from the test SMTP server), then unsubscribe."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ADDRESS = "browser.subscriber@example.org"


def test_subscribe_confirm_and_unsubscribe(page, mail_server):
    page.goto("/our-work/mental-health/")
    page.get_by_role("link", name=re.compile("Get email updates")).click()
    page.wait_for_url(re.compile(r"/subscribe/\?programme=mental-health"))
    assert page.locator("main h1").inner_text() == "Get email updates about Mental health"

    # Submitting empty shows NHS.UK error messages, linked from the summary.
    page.get_by_role("button", name="Subscribe").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert "Enter your email address" in page.locator(".nhsuk-error-summary").inner_text()

    page.get_by_label("Email address").fill(ADDRESS)
    page.get_by_label(re.compile("Mental health \\(including")).check()
    page.get_by_label("Each post as it is published").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(re.compile("/subscribe/check-your-email/"))
    assert page.locator("main h1").inner_text() == "Check your email"

    message = mail_server.wait_for(ADDRESS)
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/subscribe/confirm/\S+", text).group(0)
    page.goto(urlsplit(link).path)
    page.get_by_role("button", name="Confirm").click()
    assert page.locator("main h1").inner_text() == "You’ve subscribed"
    manage = page.get_by_role("link", name="manage your subscriptions").get_attribute("href")

    # The same link works once.
    assert page.goto(urlsplit(link).path).status == 410
    assert page.locator("main h1").inner_text() == "This link has already been used"

    page.goto(manage)
    assert page.locator("main h1").inner_text() == "Manage your email updates"
    assert page.get_by_role("heading", name="Mental health").is_visible()
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("main h1").inner_text() == "You’ve unsubscribed"
