"""Visitors' journeys: filter and page the news, search, and back from a post to the listing."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from hlp_site.core.listing import PER_PAGE

from . import site_setup

pytestmark = pytest.mark.browser


def query(page):
    return {name: values[0] for name, values in parse_qs(urlsplit(page.url).query).items()}


def card_titles_and_dates(page):
    cards = page.locator("main .nhsuk-card")
    titles = cards.locator(".nhsuk-card__link").all_inner_texts()
    dates = cards.locator("time").evaluate_all("times => times.map(t => t.dateTime)")
    return titles, dates


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_filter_news_by_programme_and_year_then_page_through(open_page, viewport):
    page = open_page(viewport)
    page.goto("/news/")

    page.get_by_label("Programme").select_option(label="Primary care")
    page.get_by_label("Year").select_option(str(site_setup.YEAR))
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"programme=primary-care"))
    assert query(page)["year"] == str(site_setup.YEAR)

    total = int(
        page.locator("main").get_by_text(re.compile(r"^\d+ posts?$")).inner_text().split()[0]
    )
    assert total > PER_PAGE, "the filtered listing must run to a second page"
    first_titles, first_dates = card_titles_and_dates(page)
    assert len(first_titles) == PER_PAGE

    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"page=2"))
    # The filters survive paging, in the address and in the form.
    assert query(page)["programme"] == "primary-care"
    assert query(page)["year"] == str(site_setup.YEAR)
    assert page.get_by_label("Programme").input_value() == "primary-care"
    assert page.get_by_label("Year").input_value() == str(site_setup.YEAR)
    second_titles, second_dates = card_titles_and_dates(page)
    assert len(second_titles) == total - PER_PAGE

    every_title = first_titles + second_titles
    assert len(set(every_title)) == total, "a post appeared on both pages"
    assert all(date.startswith(f"{site_setup.YEAR}-") for date in first_dates + second_dates)
    bulletins = {f"Primary care bulletin {n}" for n in range(1, site_setup.COUNT + 1)}
    assert bulletins <= set(every_title)
    assert first_dates + second_dates == sorted(first_dates + second_dates, reverse=True)

    page.get_by_role("link", name="Previous page").click()
    page.wait_for_url(re.compile(r"page=1"))
    assert card_titles_and_dates(page)[0] == first_titles


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_search_for_thrive_and_open_a_result(open_page, viewport):
    page = open_page(viewport)
    page.goto("/")

    search_box = page.locator("header").get_by_role("searchbox", name="Search this site")
    search_box.fill("Thrive")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Thrive"))
    results = page.locator("main .hlp-search-results li h2 a")
    assert results.count() > 0
    assert "Thrive LDN" in results.all_inner_texts()

    page.locator("main .hlp-search-results").get_by_role(
        "link", name="Thrive LDN", exact=True
    ).click()
    page.wait_for_url("**/our-work/mental-health/thrive-ldn/")
    assert page.locator("main h1").inner_text() == "Thrive LDN"


def test_back_link_returns_from_a_post_to_the_listing(page, live_site):
    page.goto("/news/")
    first_card = page.locator("main .nhsuk-card__link").first
    title = first_card.inner_text()
    first_card.click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == title

    page.get_by_role("link", name="Back to blogs & videos listing").click()
    page.wait_for_url(live_site("/news/"))
    assert page.locator("main h1").inner_text() == "News, blogs & videos"


# The layout shifts the page has had, summed; 0 when there were none (no entry).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_the_header_menu_does_not_move_the_page_when_the_script_starts(open_page, viewport):
    # On a narrow screen the menu's row used to wrap until site.js moved the overflow
    # into "More", and the page below jumped up (Lighthouse's layout shift).
    page = open_page(viewport)
    page.goto("/")
    page.wait_for_function("document.body.classList.contains('nhsuk-frontend-supported')")
    assert page.locator(".nhsuk-header__navigation-list").is_visible()
    assert page.evaluate(LAYOUT_SHIFT) < 0.01
