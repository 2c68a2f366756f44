"""With the keyboard alone: skip the header, reach a programme, open a post, follow a tag."""

import pytest

from .keyboard import assert_focus_visible, focus_state, link_to, tab_to

pytestmark = pytest.mark.browser

REVIEW = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_skip_link_moves_focus_to_the_main_content(open_page, viewport):
    page = open_page(viewport)
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = focus_state(page)
    assert_focus_visible(skip_link)
    assert skip_link["text"] == "Skip to main content"

    page.keyboard.press("Enter")
    # The next Tab stop is inside <main>: the header and its navigation were skipped.
    page.keyboard.press("Tab")
    after_skip = focus_state(page)
    assert_focus_visible(after_skip)
    assert after_skip["inMain"], f"after the skip link, focus went to {after_skip['description']}"


def test_programme_to_review_to_tag_by_keyboard(page):
    page.goto("/")

    tab_to(page, link_to("/our-work/mental-health/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/our-work/mental-health/")
    assert page.locator("main h1").inner_text() == "Mental health"

    tab_to(page, link_to(REVIEW))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{REVIEW}")
    assert page.locator("main h1").inner_text() == (
        "Partners working together to improve health and care in 2018"
    )

    tag = tab_to(page, lambda state: "/news/tags/" in (state["href"] or ""))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{tag['href']}")
    tag_name = tag["text"].removeprefix("Posts tagged").strip()
    assert tag_name.lower() in page.locator("main h1").inner_text().lower()
    # The tag page lists the post we came from.
    assert page.locator(f'main a[href="{REVIEW}"]').count() == 1
