"""The editors' desk in a real browser: the admin calls no third party; filters keep focus."""

import re

import pytest

from .keyboard import assert_focus_visible, focus_state
from .test_editor_journey import sign_in

pytestmark = pytest.mark.browser


def test_the_admin_dashboard_sends_no_request_to_another_site(page, live_site):
    """No avatar service (Gravatar) or any other third party: an editor's visit stays here."""
    own_origin = re.escape(live_site.url)
    elsewhere = []

    def record_and_block(route):
        elsewhere.append(route.request.url)
        route.abort()

    # The page's own route runs before the harness's context-wide block, so it sees them all.
    page.route(re.compile(rf"^(?!{own_origin}/)"), record_and_block)
    sign_in(page, live_site)
    page.wait_for_load_state("networkidle")
    # The signed-in editor's avatar, in the sidebar's account menu.
    avatar = page.locator('img[src*="avatar"]').first
    avatar.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('img[src*=avatar]')].every(i => i.complete)"
    )

    assert elsewhere == []
    # The avatar is Wagtail's own default image, served by the site.
    assert avatar.evaluate("image => image.complete && image.naturalWidth > 0")
    assert avatar.evaluate("image => new URL(image.src).origin") == live_site.url


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_apply_filters_moves_focus_to_the_results_heading(browser, live_site, javascript):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800},
        base_url=live_site.url,
        java_script_enabled=javascript,
    )
    try:
        page = context.new_page()
        page.goto("/news/")
        page.get_by_label("Type").select_option(label="Blog")
        page.get_by_role("button", name="Apply filters").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/news/\?.*type=blog.*#results$"))

        focused = page.evaluate("document.activeElement.id")
        assert focused == "results", f"focus went to #{focused or 'the page body'}"
        heading = page.locator("#results")
        assert heading.evaluate("element => element.tagName") == "H2"
        assert re.fullmatch(r"\d+ posts?", heading.inner_text())
        # The results' heading is in view, and the next Tab is the first result, not the header.
        assert heading.evaluate("element => element.getBoundingClientRect().top") < 800
        page.keyboard.press("Tab")
        first_result = focus_state(page)
        assert_focus_visible(first_result)
        first_card = page.locator("main .nhsuk-card__link").first
        assert first_result["href"] == first_card.get_attribute("href")
    finally:
        context.close()
